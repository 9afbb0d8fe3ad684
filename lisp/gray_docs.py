"""The docstrings of SB-GRAY's classes and generic functions, as SBCL's
DOCUMENTATION returns them."""
from __future__ import annotations

CLASS_DOCS = {
    "FUNDAMENTAL-BINARY-INPUT-STREAM":
        ('Superclass of all Gray input streams whose element-type\n'
         'is a subtype of unsigned-byte or signed-byte.'),
    "FUNDAMENTAL-BINARY-OUTPUT-STREAM":
        ('Superclass of all Gray output streams whose element-type\n'
         'is a subtype of unsigned-byte or signed-byte.'),
    "FUNDAMENTAL-BINARY-STREAM":
        ('Superclass of all Gray streams whose element-type\n'
         'is a subtype of unsigned-byte or signed-byte.'),
    "FUNDAMENTAL-CHARACTER-INPUT-STREAM":
        ('Superclass of all Gray input streams whose element-type\n'
         'is a subtype of character.'),
    "FUNDAMENTAL-CHARACTER-OUTPUT-STREAM":
        ('Superclass of all Gray output streams whose element-type\n'
         'is a subtype of character.'),
    "FUNDAMENTAL-CHARACTER-STREAM":
        ('Superclass of all Gray streams whose element-type is a subtype of character.'),
    "FUNDAMENTAL-INPUT-STREAM":
        ('Superclass of all Gray input streams.'),
    "FUNDAMENTAL-OUTPUT-STREAM":
        ('Superclass of all Gray output streams.'),
    "FUNDAMENTAL-STREAM":
        ('Base class for all Gray streams.'),
}

FUNCTION_DOCS = {
    "STREAM-ADVANCE-TO-COLUMN":
        ('Write enough blank space so that the next character will be\n'
         '  written at the specified column. Returns true if the operation is\n'
         '  successful, or NIL if it is not supported for this stream. This is\n'
         '  intended for use by by PPRINT and FORMAT ~T. The default method uses\n'
         '  STREAM-LINE-COLUMN and repeated calls to STREAM-WRITE-CHAR with a\n'
         '  #SPACE character; it returns NIL if STREAM-LINE-COLUMN returns NIL.'),
    "STREAM-CLEAR-INPUT":
        ('This is like CL:CLEAR-INPUT, but for Gray streams, returning NIL.\n'
         '  The default method does nothing.'),
    "STREAM-CLEAR-OUTPUT":
        ('This is like CL:CLEAR-OUTPUT, but for Gray streams: clear the given\n'
         '  output STREAM. The default method does nothing.'),
    "STREAM-FILE-POSITION":
        ('Used by FILE-POSITION. Returns or changes the current position within STREAM.'),
    "STREAM-FINISH-OUTPUT":
        ('Attempts to ensure that all output sent to the Stream has reached\n'
         '  its destination, and only then returns false. Implements\n'
         '  FINISH-OUTPUT. The default method does nothing.'),
    "STREAM-FORCE-OUTPUT":
        ('Attempts to force any buffered output to be sent. Implements\n'
         '  FORCE-OUTPUT. The default method does nothing.'),
    "STREAM-FRESH-LINE":
        ('Outputs a new line to the Stream if it is not positioned at the\n'
         '  beginning of a line. Returns T if it output a new line, nil\n'
         '  otherwise. Used by FRESH-LINE. The default method uses\n'
         '  STREAM-START-LINE-P and STREAM-TERPRI.'),
    "STREAM-LINE-COLUMN":
        ('Return the column number where the next character\n'
         '  will be written, or NIL if that is not meaningful for this stream.\n'
         '  The first column on a line is numbered 0. This function is used in\n'
         '  the implementation of PPRINT and the FORMAT ~T directive. For every\n'
         '  character output stream class that is defined, a method must be\n'
         '  defined for this function, although it is permissible for it to\n'
         '  always return NIL.'),
    "STREAM-LINE-LENGTH":
        ('Return the stream line length or NIL.'),
    "STREAM-LISTEN":
        ('This is used by LISTEN. It returns true or false. The default method uses\n'
         '  STREAM-READ-CHAR-NO-HANG and STREAM-UNREAD-CHAR. Most streams should\n'
         '  define their own method since it will usually be trivial and will\n'
         '  always be more efficient than the default method.'),
    "STREAM-PEEK-CHAR":
        ('This is used to implement PEEK-CHAR; this corresponds to PEEK-TYPE of NIL.\n'
         '  It returns either a character or :EOF. The default method calls\n'
         '  STREAM-READ-CHAR and STREAM-UNREAD-CHAR.'),
    "STREAM-READ-BYTE":
        ('Used by READ-BYTE; returns either an integer, or the symbol :EOF\n'
         '  if the stream is at end-of-file.'),
    "STREAM-READ-CHAR":
        ('Read one character from the stream. Return either a\n'
         '  character object, or the symbol :EOF if the stream is at end-of-file.\n'
         '  Every subclass of FUNDAMENTAL-CHARACTER-INPUT-STREAM must define a\n'
         '  method for this function.'),
    "STREAM-READ-CHAR-NO-HANG":
        ('This is used to implement READ-CHAR-NO-HANG. It returns either a\n'
         '  character, or NIL if no input is currently available, or :EOF if\n'
         '  end-of-file is reached. The default method provided by\n'
         '  FUNDAMENTAL-CHARACTER-INPUT-STREAM simply calls STREAM-READ-CHAR; this\n'
         '  is sufficient for file streams, but interactive streams should define\n'
         '  their own method.'),
    "STREAM-READ-LINE":
        ('This is used by READ-LINE. A string is returned as the first value. The\n'
         '  second value is true if the string was terminated by end-of-file\n'
         '  instead of the end of a line. The default method uses repeated\n'
         '  calls to STREAM-READ-CHAR.'),
    "STREAM-READ-SEQUENCE":
        ('This is like CL:READ-SEQUENCE, but for Gray streams.'),
    "STREAM-START-LINE-P":
        ('Is STREAM known to be positioned at the beginning of a line?\n'
         '  It is permissible for an implementation to always return\n'
         '  NIL. This is used in the implementation of FRESH-LINE. Note that\n'
         '  while a value of 0 from STREAM-LINE-COLUMN also indicates the\n'
         '  beginning of a line, there are cases where STREAM-START-LINE-P can be\n'
         "  meaningfully implemented although STREAM-LINE-COLUMN can't be. For\n"
         '  example, for a window using variable-width characters, the column\n'
         "  number isn't very meaningful, but the beginning of the line does have\n"
         '  a clear meaning. The default method for STREAM-START-LINE-P on class\n'
         '  FUNDAMENTAL-CHARACTER-OUTPUT-STREAM uses STREAM-LINE-COLUMN, so if\n'
         '  that is defined to return NIL, then a method should be provided for\n'
         '  either STREAM-START-LINE-P or STREAM-FRESH-LINE.'),
    "STREAM-TERPRI":
        ('Writes an end of line, as for TERPRI. Returns NIL. The default\n'
         '  method does (STREAM-WRITE-CHAR stream #NEWLINE).'),
    "STREAM-UNREAD-CHAR":
        ('Undo the last call to STREAM-READ-CHAR, as in UNREAD-CHAR.\n'
         '  Return NIL. Every subclass of FUNDAMENTAL-CHARACTER-INPUT-STREAM\n'
         '  must define a method for this function.'),
    "STREAM-WRITE-BYTE":
        ('Implements WRITE-BYTE; writes the integer to the stream and\n'
         '  returns the integer as the result.'),
    "STREAM-WRITE-CHAR":
        ('Write CHARACTER to STREAM and return CHARACTER. Every\n'
         '  subclass of FUNDAMENTAL-CHARACTER-OUTPUT-STREAM must have a method\n'
         '  defined for this function.'),
    "STREAM-WRITE-SEQUENCE":
        ('This is like CL:WRITE-SEQUENCE, but for Gray streams.'),
    "STREAM-WRITE-STRING":
        ('This is used by WRITE-STRING. It writes the string to the stream,\n'
         '  optionally delimited by start and end, which default to 0 and NIL.\n'
         '  The string argument is returned. The default method provided by\n'
         '  FUNDAMENTAL-CHARACTER-OUTPUT-STREAM uses repeated calls to\n'
         '  STREAM-WRITE-CHAR.'),
    "CLOSE":
        ('Close the given STREAM. No more I/O may be performed, but\n'
         '  inquiries may still be made. If :ABORT is true, an attempt is made\n'
         '  to clean up the side effects of having created the stream.'),
    "OPEN-STREAM-P":
        ('Return true if STREAM is not closed. A default method is provided\n'
         '  by class FUNDAMENTAL-STREAM which returns true if CLOSE has not been\n'
         '  called on the stream.'),
    "STREAM-ELEMENT-TYPE":
        ('Return a type specifier for the kind of object returned by the\n'
         '  STREAM. The class FUNDAMENTAL-CHARACTER-STREAM provides a default method\n'
         '  which returns CHARACTER.'),
    "INPUT-STREAM-P":
        ('Can STREAM perform input operations?'),
    "OUTPUT-STREAM-P":
        ('Can STREAM perform output operations?'),
    "INTERACTIVE-STREAM-P":
        ('Is STREAM an interactive stream?'),
}
