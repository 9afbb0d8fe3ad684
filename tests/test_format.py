"""FORMAT against SBCL 2.2.

Every entry of CASES is (control string, the arguments as a Lisp list
literal, expected), the expected value being what
``(apply #'format nil CONTROL 'ARGS)`` gives in ``sbcl --script`` with the
control string passed at run time (so SBCL interprets it as we do instead of
compiling it): "OK:" and the text, or "ERR:package:class:report" for an
error. test_cases_match_sbcl re-checks every expectation against SBCL itself
when it is installed. The tests after the table cover what needs Lisp
functions (run through a stand-in machine), streams and FORMAT's
destinations.
"""
from __future__ import annotations

import shutil
import subprocess

import pytest

from lisp.conditions import condition_from_lisp_error, report_string
from lisp.dynamic import state
from lisp.errors import LispError
from lisp.format import SB_FORMAT, format_to_stream, format_to_string, lisp_format
from lisp.format_float import flonum_to_string, scale_exponent
from lisp.format_parse import tokenize
from lisp.functions import Primitive
from lisp.objects import (CL_USER, NIL, T, LString, SingleFloat, cl_sym, lisp_list,
                          list_to_py)
from lisp.reader import read_from_string
from lisp.streams import StringOutputStream

CASES = [
    ('~A', '(foo)',
     'OK:FOO'),
    ('~A', '("str")',
     'OK:str'),
    ('~S', '("str")',
     'OK:"str"'),
    ('~A', '(#\\a)',
     'OK:a'),
    ('~S', '(#\\a)',
     'OK:#\\a'),
    ('~A ~A', '(1 1/2)',
     'OK:1 1/2'),
    ('~A', '((a "b" #\\c 1.5 1.5d0 nil))',
     'OK:(A b c 1.5 1.5d0 NIL)'),
    ('~S', '((a "b" #\\c 1.5 1.5d0 nil))',
     'OK:(A "b" #\\c 1.5 1.5d0 NIL)'),
    ('~:A', '(nil)',
     'OK:()'),
    ('~:S', '(nil)',
     'OK:()'),
    ('~A', '(nil)',
     'OK:NIL'),
    ('~:A', '((nil))',
     'OK:(NIL)'),
    ('~5A|', '(nil)',
     'OK:NIL  |'),
    ('~5:A|', '(nil)',
     'OK:()   |'),
    ('~10A|', '(abc)',
     'OK:ABC       |'),
    ('~10@A|', '(abc)',
     'OK:       ABC|'),
    ('~10,3A|', '(abc)',
     'OK:ABC         |'),
    ('~3,,2A|', '(abc)',
     'OK:ABC  |'),
    ("~10,,,'-A|", '(abc)',
     'OK:ABC-------|'),
    ("~,,3,'*@A|", '(abc)',
     'OK:***ABC|'),
    ('~10S|', '("ab")',
     'OK:"ab"      |'),
    ('~10@S|', '("ab")',
     'OK:      "ab"|'),
    ('~v,vA|', '(5 nil x)',
     'OK:X    |'),
    ('~vA|', '(nil x)',
     'OK:X|'),
    ('~#A|', '(1 2)',
     'OK:1 |'),
    ('~5,-1A', '(1)',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: The value of colinc is -1, should be a positive integer\n  ~5,-1A\n       ^'),
    ('~-1A', '(1)',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: The value of mincol is -1, should be a non-negative integer\n  ~-1A\n     ^'),
    ('~5,0A', '(1)',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: The value of colinc is 0, should be a positive integer\n  ~5,0A\n      ^'),
    ("~'a,5A", '(1)',
     'ERR:COMMON-LISP:TYPE-ERROR:The value\n  #\\a\nis not of type\n  REAL'),
    ('~,A|', '(1)',
     'OK:1|'),
    ('~5,A|', '(1)',
     'OK:1    |'),
    ('~A', '(:key)',
     'OK:KEY'),
    ('~S', '(:key)',
     'OK::KEY'),
    ('~A', '("a~b")',
     'OK:a~b'),
    ("~7,,,'.:@A|", '(x)',
     'OK:......X|'),
    ('~1,2:@A', '(1)',
     'OK:1'),
    ('~W', '((1 "a"))',
     'OK:(1 "a")'),
    ('~@W', '((1 2))',
     'OK:(1 2)'),
    ('~:W', '((1 2))',
     'OK:(1 2)'),
    ('~C', '(#\\a)',
     'OK:a'),
    ('~:C', '(#\\Space)',
     'OK:Space'),
    ('~:C', '(#\\a)',
     'OK:a'),
    ('~@C', '(#\\a)',
     'OK:#\\a'),
    ('~@C', '(#\\Space)',
     'OK:#\\ '),
    ('~:C', '(#\\Newline)',
     'OK:Newline'),
    ('~:@C', '(#\\Newline)',
     'OK:Newline'),
    ('~:C', '(#\\Nul)',
     'OK:Nul'),
    ('~C', '(1)',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: 1 is not of type CHARACTER.\n  ~C\n   ^'),
    ('~:C', '(#\\Rubout)',
     'OK:Rubout'),
    ('~:C', '(#\\Tab)',
     'OK:Tab'),
    ('~@C', '(#\\Newline)',
     'OK:#\\Newline'),
    ('~1C', '(#\\a)',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: Too many parameters, expected no more than 0\n  ~1C\n   ^'),
    ('~D', '(42)',
     'OK:42'),
    ('~D', '(-42)',
     'OK:-42'),
    ('~D', '(1/2)',
     'OK:1/2'),
    ('~5D', '(1/2)',
     'OK:1/2'),
    ('~5D', '("ab")',
     'OK:ab'),
    ('~D', '(1.5)',
     'OK:1.5'),
    ('~:D', '(1234567)',
     'OK:1,234,567'),
    ('~:D', '(-1234567)',
     'OK:-1,234,567'),
    ('~:D', '(123)',
     'OK:123'),
    ("~,,'.,4:D", '(1234567890)',
     'OK:12.3456.7890'),
    ('~@D', '(5)',
     'OK:+5'),
    ('~@D', '(-5)',
     'OK:-5'),
    ('~:@D', '(1234)',
     'OK:+1,234'),
    ("~8,'0D", '(-42)',
     'OK:00000-42'),
    ("~8,'0D", '(42)',
     'OK:00000042'),
    ('~2D', '(12345)',
     'OK:12345'),
    ('~10:D|', '(1234567)',
     'OK: 1,234,567|'),
    ("~,,' ,2:D", '(123456)',
     'OK:12 34 56'),
    ('~B', '(10)',
     'OK:1010'),
    ("~8,'0B", '(5)',
     'OK:00000101'),
    ('~:B', '(255)',
     'OK:11,111,111'),
    ('~O', '(8)',
     'OK:10'),
    ('~@O', '(8)',
     'OK:+10'),
    ('~X', '(255)',
     'OK:FF'),
    ('~X', '(-255)',
     'OK:-FF'),
    ('~X', '(255/2)',
     'OK:FF/2'),
    ('~X', '((255 1/2))',
     'OK:(FF 1/2)'),
    ('~:X', '((255))',
     'OK:(FF)'),
    ("~5,'0X", '((255))',
     'OK:(FF)'),
    ("~4,'0X", '(255)',
     'OK:00FF'),
    ('~:X', '(4294967295)',
     'OK:FF,FFF,FFF'),
    ('~D', '(123456789012345678901234567890)',
     'OK:123456789012345678901234567890'),
    ('~vD', '(6 42)',
     'OK:    42'),
    ('~v,vD', '(6 #\\* 42)',
     'OK:****42'),
    ('~D', '(foo)',
     'OK:FOO'),
    ('~R', '(123)',
     'OK:one hundred twenty-three'),
    ('~:R', '(123)',
     'OK:one hundred twenty-third'),
    ('~@R', '(1999)',
     'OK:MCMXCIX'),
    ('~:@R', '(1999)',
     'OK:MDCCCCLXXXXVIIII'),
    ('~R', '(0)',
     'OK:zero'),
    ('~:R', '(0)',
     'OK:zeroth'),
    ('~R', '(-12)',
     'OK:negative twelve'),
    ('~:R', '(12)',
     'OK:twelfth'),
    ('~:R', '(111)',
     'OK:one hundred eleventh'),
    ('~:R', '(-1)',
     'OK:negative first'),
    ('~R', '(1000001)',
     'OK:one million one'),
    ('~:R', '(100)',
     'OK:one hundredth'),
    ('~:R', '(1000)',
     'OK:one thousandth'),
    ('~R', '(1234567890)',
     'OK:one billion two hundred thirty-four million five hundred sixty-seven thousand eight hundred ninety'),
    ('~:R', '(21)',
     'OK:twenty-first'),
    ('~:R', '(40)',
     'OK:fortieth'),
    ('~:R', '(1001)',
     'OK:one thousand first'),
    ('~R', '(19)',
     'OK:nineteen'),
    ('~R', '(100)',
     'OK:one hundred'),
    ('~2R', '(10)',
     'OK:1010'),
    ("~16,8,'0:R", '(255)',
     'OK:000000FF'),
    ('~@R', '(4000)',
     'ERR:COMMON-LISP:SIMPLE-ERROR:Number too large to print in Roman numerals: 4,000'),
    ('~:@R', '(5000)',
     'ERR:COMMON-LISP:SIMPLE-ERROR:Number too large to print in old Roman numerals: 5,000'),
    ('~@R', '(0)',
     'ERR:COMMON-LISP:SIMPLE-ERROR:Number too large to print in Roman numerals: 0'),
    ('~R', '(1/2)',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: 1/2 is not of type INTEGER.\n  ~R\n   ^'),
    ('~3R', '(1/2)',
     'OK:1/2'),
    ('~R', '(1.5)',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: 1.5 is not of type INTEGER.\n  ~R\n   ^'),
    ('~16R', '(1.5)',
     'OK:1.5'),
    ('~@(~R~)', '(1234)',
     'OK:One thousand two hundred thirty-four'),
    ('~@R', '(3999)',
     'OK:MMMCMXCIX'),
    ('~:@R', '(4)',
     'OK:IIII'),
    ('~@R', '(444)',
     'OK:CDXLIV'),
    ('~36R', '(1295)',
     'OK:ZZ'),
    ("~3,10,'_,'/,2:@R", '(100)',
     'OK:__+1/02/01'),
    ('~R', '(1000000000000000000000000000000000000000000000000000000000000000000)',
     'ERR:COMMON-LISP:SIMPLE-ERROR:Number too large to print in English: 1,000,000,000,000,000,000,000,000,000,000,000,000,000,000,000,000,000,000,000,000,000,000'),
    ('~D item~:P', '(1)',
     'OK:1 item'),
    ('~D item~:P', '(2)',
     'OK:2 items'),
    ('~D pon~:@P', '(1)',
     'OK:1 pony'),
    ('~D pon~:@P', '(0)',
     'OK:0 ponies'),
    ('~P', '(1)',
     'OK:'),
    ('~P', '(1.0)',
     'OK:s'),
    ('~@P', '(3)',
     'OK:ies'),
    ('~:P', '()',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: No previous argument\n  ~:P\n    ^'),
    ('~P', '(2)',
     'OK:s'),
    ('~,2F', '(2.345)',
     'OK:2.35'),
    ('~,2F', '(2.345d0)',
     'OK:2.35'),
    ('~,2F', '(0.125)',
     'OK:0.13'),
    ('~,1F', '(0.25)',
     'OK:0.3'),
    ('~,1F', '(0.35)',
     'OK:0.3'),
    ('~F', '(1234.5)',
     'OK:1234.5'),
    ('~F', '(1d20)',
     'OK:100000000000000000000.0'),
    ('~F', '(1e-5)',
     'OK:0.00001'),
    ('~F', '(1/3)',
     'OK:0.33333334'),
    ('~F', '(100)',
     'OK:100.0'),
    ('~F', '(0.1)',
     'OK:0.1'),
    ('~F', '(1.1d0)',
     'OK:1.1'),
    ('~10,3F', '(3.14159)',
     'OK:     3.142'),
    ("~10,3,,'*F", '(3.14159)',
     'OK:     3.142'),
    ("~3,1,,'*F", '(123.45)',
     'OK:***'),
    ('~,,2F', '(3.14)',
     'OK:314.0'),
    ('~,,-2F', '(3.14)',
     'OK:0.0314'),
    ('~F', '(0.0)',
     'OK:0.0'),
    ('~F', '(-0.0)',
     'OK:-0.0'),
    ('~@F', '(1.5)',
     'OK:+1.5'),
    ('~F', '(-1.5)',
     'OK:-1.5'),
    ('~5F', '(1.5)',
     'OK:  1.5'),
    ('~1F', '(123.456)',
     'OK:123.456'),
    ('~2F', '(0.5)',
     'OK:.5'),
    ('~,0F', '(2.5)',
     'OK:3.'),
    ('~,0F', '(3.5)',
     'OK:4.'),
    ('~,0F', '(0.5)',
     'OK:1.'),
    ('~4,0F', '(0.5)',
     'OK:  1.'),
    ('~F', '("abc")',
     'OK:abc'),
    ('~5F', '("abc")',
     'OK:abc  '),
    ('~F', '(#c(1 2))',
     'OK:#C(1 2)'),
    ('~,2F', '(1d100)',
     'OK:10000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000.00'),
    ("~8,3,,,'-F", '(-3.5)',
     'OK:---3.500'),
    ('~6,2F', '(123.456)',
     'OK:123.46'),
    ("~6,2,,'?F", '(123.456)',
     'OK:123.46'),
    ('~,3F', '(0.0005)',
     'OK:0.001'),
    ('~,3F', '(0.0004)',
     'OK:0.000'),
    ('~,2F', '(-0.001)',
     'OK:-0.00'),
    ('~@,2F', '(0.0)',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: Parameters found after #\\: or #\\@ modifier\n  ~@,2F\n    ^\nSee also:\n  The ANSI Standard, Section 22.3'),
    ('~F', '(1e7)',
     'OK:10000000.0'),
    ('~F', '(123456789.0)',
     'OK:123456790.0'),
    ('~:F', '(1.0)',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: The colon modifier cannot be used with this directive.\n  ~:F\n    ^'),
    ('~vF', '(nil 1.5)',
     'OK:1.5'),
    ('~,vF', '(3 1/3)',
     'OK:0.333'),
    ('~3F', '(0.05)',
     'OK:.05'),
    ('~F', '(2/3)',
     'OK:0.6666667'),
    ('~E', '(1234.5)',
     'OK:1.2345e+3'),
    ('~E', '(1234.5d0)',
     'OK:1.2344999999999999d+3'),
    ('~E', '(0.0)',
     'OK:0.0e+0'),
    ('~,3E', '(123456.0)',
     'OK:1.235e+5'),
    ('~10,3,2E', '(123456.0)',
     'OK: 1.235e+05'),
    ('~,2,,-1E', '(123456.0)',
     'OK:0.01e+7'),
    ('~,2,,2E', '(123456.0)',
     'OK:12.3e+4'),
    ('~E', '(1d-300)',
     'OK:1.0d-300'),
    ('~E', '(1.0)',
     'OK:1.0e+0'),
    ('~E', '(10.0)',
     'OK:1.0e+1'),
    ('~E', '(0.1)',
     'OK:1.0e-1'),
    ('~E', '(1e38)',
     'OK:9.9999994e+37'),
    ('~E', '(-3.5)',
     'OK:-3.5e+0'),
    ('~@E', '(3.5)',
     'OK:+3.5e+0'),
    ("~,2,,,,,'DE", '(3.5)',
     'OK:3.50D+0'),
    ('~E', '("abc")',
     'OK:abc'),
    ('~E', '(1/4)',
     'OK:2.5e-1'),
    ("~9,2,1,,'*E", '(3.14159)',
     'OK:  3.14e+0'),
    ("~3,2,1,,'*E", '(314.159)',
     'OK:***'),
    ('~12,4,2,0E', '(0.000123)',
     'OK:  0.1230e-03'),
    ('~,,,3E', '(12.5)',
     'OK:125.0e-1'),
    ('~E', '(1.5d10)',
     'OK:1.5d+10'),
    ('~E', '(123)',
     'OK:1.23e+2'),
    ('~10E', '(1.5)',
     'OK:    1.5e+0'),
    ('~,0E', '(12345.0)',
     'OK:1.e+4'),
    ('~:E', '(1.0)',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: The colon modifier cannot be used with this directive.\n  ~:E\n    ^'),
    ("~,1,1,,'#E", '(1e20)',
     'OK:1.0e+20'),
    ('~G', '(1234.5)',
     'OK:1234.5    '),
    ('~G', '(0.001)',
     'OK:1.000e-3'),
    ('~G', '(1e10)',
     'OK:10000000000.    '),
    ('~G', '(0.0)',
     'OK:0.    '),
    ('~G', '(123456789.0)',
     'OK:123456790.    '),
    ('~G', '(1.5d0)',
     'OK:1.5    '),
    ('~10,2G', '(3.14159)',
     'OK:   3.1    '),
    ('~G', '("x")',
     'OK:x'),
    ('~G', '(100)',
     'OK:100.    '),
    ("~,,,,,,'eG", '(1e-5)',
     'OK:1.00000e-5'),
    ("~8,2,,,'*G", '(123456.0)',
     'OK: 1.23e+5'),
    ('~$', '(1/3)',
     'OK:0.33'),
    ('~$', '(1234.5)',
     'OK:1234.50'),
    ('~$', '(-0.005)',
     'OK:-0.00'),
    ('~$', '(0.0)',
     'OK:0.00'),
    ('~10,2$', '(3.14159)',
     'OK:03.1415900000'),
    ('~,5,10$', '(3.14159)',
     'OK:  00003.14'),
    ('~$', '(1e10)',
     'OK:10000000000.00'),
    ('~@$', '(3.5)',
     'OK:+3.50'),
    ('~:@$', '(3.5)',
     'OK:+3.50'),
    ("~,,10,'*$", '(-3.5)',
     'OK:*****-3.50'),
    ("~,,10,'*:$", '(-3.5)',
     'OK:-*****3.50'),
    ('~$', '("abc")',
     'OK:abc'),
    ('~5$', '("abc")',
     'OK:abc'),
    ('~$', '(2.675)',
     'OK:2.67'),
    ('~$', '(99.995)',
     'OK:100.00'),
    ('~0$', '(2.5)',
     'OK:3.'),
    ('~3,2$', '(0.5)',
     'OK:00.500'),
    ('a~10Tb', '()',
     'OK:a         b'),
    ('abcdefghijkl~10Tb', '()',
     'OK:abcdefghijkl b'),
    ('abcdefghijkl~10,4Tb', '()',
     'OK:abcdefghijkl  b'),
    ('ab~3,5@Tc', '()',
     'OK:ab   c'),
    ('ab~@Tc', '()',
     'OK:ab c'),
    ('~T|', '()',
     'OK: |'),
    ('abc~1,0T|', '()',
     'OK:abc|'),
    ('abc~0,0T|', '()',
     'OK:abc|'),
    ('~A~10T~A', '("ab" "cd")',
     'OK:ab        cd'),
    ('a~%bc~4Td', '()',
     'OK:a\nbc  d'),
    ('a~&b~&~&c', '()',
     'OK:a\nb\nc'),
    ('~&a', '()',
     'OK:a'),
    ('~2&a', '()',
     'OK:\na'),
    ('a~3%b', '()',
     'OK:a\n\n\nb'),
    ('~0&a', '()',
     'OK:a'),
    ('a~2|b', '()',
     'OK:a\x0c\x0cb'),
    ('~3~', '()',
     'OK:~~~'),
    ('~v~', '(3)',
     'OK:~~~'),
    ('~v%', '(2)',
     'OK:\n\n'),
    ('~:%', '()',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: The colon modifier cannot be used with this directive.\n  ~:%\n    ^'),
    ('~@&', '()',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: The at-sign modifier cannot be used with this directive.\n  ~@&\n    ^'),
    ('a~:&', '()',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: The colon modifier cannot be used with this directive.\n  a~:&\n     ^'),
    ('a~\n    b', '()',
     'OK:ab'),
    ('a~:\n    b', '()',
     'OK:a    b'),
    ('a~@\n    b', '()',
     'OK:a\nb'),
    ('a~\n', '()',
     'OK:a'),
    ('~:@\n', '()',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: The colon and the at-sign modifiers cannot be used simultaneously with this directive.\n  ~:@\n\n     ^'),
    ('~1\n', '()',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: Too many parameters, expected no more than 0\n  ~1\n\n   ^'),
    ('~A ~*~A', '(1 2 3)',
     'OK:1 3'),
    ('~A ~:*~A', '(1)',
     'OK:1 1'),
    ('~A ~A ~2:*~A', '(1 2)',
     'OK:1 2 1'),
    ('~2@*~A ~0@*~A', '(1 2 3)',
     'OK:3 1'),
    ('~@*~A', '(1)',
     'OK:1'),
    ('~3@*', '(1)',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: Index 3 is out of bounds. It should have been between 0 and 1.\n  ~3@*\n     ^'),
    ('~2:*', '(1)',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: Index -2 is out of bounds. It should have been between 0 and 1.\n  ~2:*\n     ^'),
    ('~2*~A', '(1 2 3)',
     'OK:3'),
    ('~@:*', '(1)',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: The colon and the at-sign modifiers cannot be used simultaneously with this directive.\n  ~@:*\n     ^'),
    ('~*', '()',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: No more arguments\n  ~*\n   ^'),
    ('~? ~A', '("<~A~A>" (1 2) 3)',
     'OK:<12> 3'),
    ('~@? ~A', '("<~A>" 1 2)',
     'OK:<1> 2'),
    ('~?', '("~A" (1 2))',
     'OK:1'),
    ('ab~?cd', '(1)',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: No more arguments\n  ab~?cd\n     ^\nwhile processing indirect format string:\n  ab~?cd\n     ^'),
    ('~?', '("~Z" nil)',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: Unknown format directive (character: LATIN_CAPITAL_LETTER_Z)\n  ~Z\n   ^\nwhile processing indirect format string:\n  ~?\n   ^'),
    ('~@?', '(5)',
     'ERR:SB-KERNEL:CASE-FAILURE:5 fell through ETYPECASE expression.\nWanted one of (SIMPLE-STRING STRING SB-FORMAT::FMT-CONTROL).'),
    ('~:?', '("x" nil)',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: The colon modifier cannot be used with this directive.\n  ~:?\n    ^'),
    ('~@?|~A', '("~A~:*" 1)',
     'OK:1|1'),
    ('~@(~A~)', '("hello WORLD foo")',
     'OK:Hello world foo'),
    ('~:(~A~)', '("hello WORLD foo-bar 1abc")',
     'OK:Hello World Foo-Bar 1abc'),
    ('~(~A~)', '("HeLLo")',
     'OK:hello'),
    ('~:@(~A~)', '("hello")',
     'OK:HELLO'),
    ('~@(  ABC DEF~)', '()',
     'OK:  Abc def'),
    ('~@(1ABC def~)', '()',
     'OK:1abc def'),
    ("~:(don't stop~)", '()',
     "OK:Don'T Stop"),
    ('~(~:@(aBc~) X~)', '()',
     'OK:abc x'),
    ('~:(~A~) ~:(~A~)', '("abc" "def")',
     'OK:Abc Def'),
    ('~:(a~Ab~)', '("-")',
     'OK:A-B'),
    ('~(', '()',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: No corresponding close paren\n  ~(\n   ^'),
    ('~)', '()',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: no corresponding open paren\n  ~)\n   ^'),
    ('~@(~{~A~^ ~}~)', '((foo bar baz))',
     'OK:Foo bar baz'),
    ('~(~A~10T|~)', '("AB")',
     'OK:ab        |'),
    ('~[zero~;one~;two~]', '(1)',
     'OK:one'),
    ('~[zero~;one~]', '(5)',
     'OK:'),
    ('~[zero~;one~:;other~]', '(5)',
     'OK:other'),
    ('~[zero~;one~:;other~]', '(-1)',
     'OK:other'),
    ('~:[no~;yes~]', '(nil)',
     'OK:no'),
    ('~:[no~;yes~]', '(3)',
     'OK:yes'),
    ('~@[x=~A~] ~A', '(5 6)',
     'OK:x=5 6'),
    ('~@[x=~A~] ~A', '(nil 6)',
     'OK: 6'),
    ('~1[a~;b~]', '()',
     'OK:b'),
    ('~#[none~;one~;two~]', '(1 2)',
     'OK:two'),
    ('~[a~]', '(x)',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: The argument to ~[ is not an integer: X\n  ~[a~]\n   ^'),
    ('~v[a~;b~]', '(1)',
     'OK:b'),
    ('~v[a~;b~]', '(nil 0)',
     'OK:a'),
    ('~:[a~]', '(1)',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: Must specify exactly two sections\n  ~:[a~]\n    ^'),
    ('~:@[a~]', '(1)',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: The colon and the at-sign modifiers cannot be used simultaneously with this directive.\n  ~:@[a~]\n     ^'),
    ('~@[a~;b~]', '(1)',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: Can only specify one section\n  ~@[a~;b~]\n    ^'),
    ('~[', '()',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: No corresponding close bracket\n  ~[\n   ^'),
    ('~]', '()',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: No corresponding open bracket\n  ~]\n   ^'),
    ('~;', '()',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: ~; not contained within either ~[...~] or ~<...~>\n  ~;\n   ^'),
    ('abc ~[x~;y', '(0)',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: No corresponding close bracket\n  abc ~[x~;y\n       ^'),
    ('~[a~:;b~;c~]', '(7)',
     'OK:'),
    ('~[~]', '(0)',
     'OK:'),
    ('~:[~A~;~A ~A~]', '(t 1 2)',
     'OK:1 2'),
    ('~{~A~^, ~}', '((1 2 3))',
     'OK:1, 2, 3'),
    ('~:{~A=~A~:^; ~}', '(((a 1) (b 2)))',
     'OK:A=1; B=2'),
    ('~@{~A~^-~}', '(1 2 3)',
     'OK:1-2-3'),
    ('~:@{~A~A~^|~}', '((1 2) (3 4))',
     'OK:1234'),
    ('~2{~A~}', '((1 2 3 4))',
     'OK:12'),
    ('~{~}', '("~A," (1 2))',
     'OK:1,2,'),
    ('~{x~:}', '(())',
     'OK:x'),
    ('~{x~}', '(())',
     'OK:'),
    ('~0{x~:}', '(())',
     'OK:'),
    ('~{~A~A~}', '((1 2 3))',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: No more arguments\n  ~{~A~A~}\n       ^'),
    ('~:{~A~^~A~}', '(((1) (2 3)))',
     'OK:123'),
    ('~{~A~:^/~}', '((1 2))',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: Attempt to use ~:^ outside a ~:{...~} construct\n  ~{~A~:^/~}\n        ^'),
    ('~:@{~A~:^|~}', '((1) (2))',
     'OK:1|2'),
    ('~:{~A~:^|~}', '(((1) (2)))',
     'OK:1|2'),
    ('~:{~A~^|~}', '(((1) (2)))',
     'OK:12'),
    ('~:{~A~}', '(((1 2) (3)))',
     'OK:13'),
    ('~{~A~}', '(5)',
     'ERR:COMMON-LISP:TYPE-ERROR:The value\n  5\nis not of type\n  LIST'),
    ('~:{~A~}', '((1))',
     'ERR:COMMON-LISP:TYPE-ERROR:The value\n  1\nis not of type\n  LIST'),
    ('~@{~A~}', '(1 2)',
     'OK:12'),
    ('~@{~A~}', '()',
     'OK:'),
    ('~{', '(nil)',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: No corresponding close brace\n  ~{\n   ^'),
    ('~}', '()',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: No corresponding open brace\n  ~}\n   ^'),
    ('~{~{~A~}~}', '(((1 2) (3)))',
     'OK:123'),
    ('~{~A~@{~A~}~}', '((1 2 3))',
     'OK:123'),
    ('~v{~A~}', '(2 (a b c))',
     'OK:AB'),
    ('~{~*~A~}', '((1 2 3 4))',
     'OK:24'),
    ('~{~A~:*~}', '(nil)',
     'OK:'),
    ('~@{~A~^, ~}.', '(1)',
     'OK:1.'),
    ('~:@{~A~:^|~A~}~A', '((1 2 3))',
     'OK:12'),
    ('~{~A~{~A~:^,~}~}', '((1 (2 3)))',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: Attempt to use ~:^ outside a ~:{...~} construct\n  ~{~A~{~A~:^,~}~}\n            ^'),
    ('~{~}', '("~Z" (1))',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: Unknown format directive (character: LATIN_CAPITAL_LETTER_Z)\n  ~Z\n   ^\nwhile processing indirect format string:\n  ~{~}\n   ^'),
    ('~@{~}', '("<~A>" 1 2)',
     'OK:<1><2>'),
    ('~{~A~0^~A~}', '((1 2 3))',
     'OK:1'),
    ('~{~}', '("~A~^!" (1 2))',
     'OK:1!2'),
    ('~^a', '()',
     'OK:'),
    ('a~^b', '(1)',
     'OK:ab'),
    ('~1^a', '()',
     'OK:a'),
    ('~0^a', '()',
     'OK:'),
    ('~1,1^a', '()',
     'OK:'),
    ('~1,2^a', '()',
     'OK:a'),
    ('~1,2,3^a', '()',
     'OK:'),
    ('~3,2,1^a', '()',
     'OK:a'),
    ('~{~A~#,3^,~}', '((1 2 3 4 5))',
     'OK:1,2'),
    ('~v^a', '(0)',
     'OK:'),
    ('~:^', '()',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: Attempt to use ~:^ outside a ~:{...~} construct\n  ~:^\n    ^'),
    ('~@^', '()',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: The at-sign modifier cannot be used with this directive.\n  ~@^\n    ^'),
    ("~'a,'a^x", '()',
     'OK:'),
    ('~A~^ and ~A', '(1)',
     'OK:1'),
    ('~[~^a~;b~]x', '(0)',
     'OK:'),
    ('~10<abc~>', '()',
     'OK:       abc'),
    ('~10@<abc~>', '()',
     'OK:abc       '),
    ('~10:<abc~>', '()',
     'OK:       abc'),
    ('~10:@<abc~>', '()',
     'OK:   abc    '),
    ('~10<a~;b~;c~>', '()',
     'OK:a   b    c'),
    ('~20<a~;b~;c~>', '()',
     'OK:a        b         c'),
    ('~,,2<a~;b~>', '()',
     'OK:a  b'),
    ('~5,3<abcdef~>', '()',
     'OK:  abcdef'),
    ("~10,,,'*<a~;b~>", '()',
     'OK:a********b'),
    ('~<a~;b~>', '()',
     'OK:ab'),
    ('~15<~A~;~^~A~;~A~>', '(1)',
     'OK:              1'),
    ('~15<~A~;~^~A~;~A~>', '(1 2)',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: No more arguments\n  ~15<~A~;~^~A~;~A~>\n                 ^'),
    ('~<~%~:;abc~>', '()',
     'OK:abc'),
    ('~<x~%~1,10:;abcdefghij~>', '()',
     'OK:x\nabcdefghij'),
    ('~%~10:;abc~>', '()',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: ~> without a matching ~<\n  ~%~10:;abc~>\n            ^'),
    ('~<a~W~>', '(1)',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: 1 illegal directive found inside justification block\n  ~<a~W~>\n   ^\nSee also:\n  The ANSI Standard, Section 22.3.5.2'),
    ('~<a~@>', '()',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: @ modifier not allowed in close directive of justification block (i.e. ~<...~@>.\n  ~<a~@>\n       ^\nSee also:\n  The ANSI Standard, Section 22.3.6.2'),
    ('~W~<a~:;b~>', '(1)',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: Misuse of justification and pprint directives\n  ~W~<a~:;b~>\n   ^     ^\nSee also:\n  The ANSI Standard, Section 22.3.5.2'),
    ('~<', '()',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: No corresponding close bracket\n  ~<\n   ^'),
    ('~>', '()',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: ~> without a matching ~<\n  ~>\n  ^'),
    ('~12<~A~;~A~>|', '(left right)',
     'OK:LEFT   RIGHT|'),
    ('~12:@<~A~>|', '(mid)',
     'OK:    MID     |'),
    ('~3<abcdef~>', '()',
     'OK:abcdef'),
    ("~8,3,1,'.<a~;b~>", '()',
     'OK:a......b'),
    ('ab~10<~A~>', '(x)',
     'OK:ab         X'),
    ('~<~A~:;~A~>', '(1 2)',
     'OK:2'),
    ('~10<~>|', '()',
     'OK:          |'),
    ('~<~A ~A~:>', '((1 2))',
     'OK:1 2'),
    ('~:<~A ~A~:>', '((1 2))',
     'OK:(1 2)'),
    ('~<[~;~A~;]~:>', '((x))',
     'OK:[X]'),
    ('~@<~A-~A~:>', '(1 2)',
     'OK:1-2'),
    ('~<a~;b~;c~;d~:>', '((1))',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: Too many segments for ~<...~:>\n  ~<a~;b~;c~;d~:>\n   ^'),
    ('~1<a~:>', '((1))',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: No parameters can be supplied with ~<...~:>.\n  ~1<a~:>\n   ^'),
    ('~<~A~;x~;y~:>', '((1))',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: Cannot include format directives inside the prefix segment of ~<...~:>\n  ~<~A~;x~;y~:>\n     ^\nSee also:\n  The ANSI Standard, Section 22.3.5.2'),
    ('~<~A~:>', '(5)',
     'OK:5'),
    ('~@<~A~:@_~A~:>', '(1 2)',
     'OK:1\n2'),
    ('~:<~A~:@_~A~:>', '((1 2))',
     'OK:(1\n 2)'),
    ('~/format-test-no-such-fn/', '(1)',
     'ERR:COMMON-LISP:UNDEFINED-FUNCTION:The function COMMON-LISP-USER::FORMAT-TEST-NO-SUCH-FN is undefined.'),
    ('~/nopkg:foo/', '(1)',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: No package named "NOPKG"\n  ~/nopkg:foo/\n             ^'),
    ('~/foo', '()',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: No matching closing slash\n  ~/foo\n   ^'),
    ('~Z', '()',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: Unknown format directive (character: LATIN_CAPITAL_LETTER_Z)\n  ~Z\n   ^'),
    ('~', '()',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: String ended before directive was found\n  ~\n  ^'),
    ("~,,'", '()',
     "ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: String ended before directive was found\n  ~,,'\n  ^"),
    ('~1,2', '()',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: String ended before directive was found\n  ~1,2\n  ^'),
    ("~'", '()',
     "ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: String ended before directive was found\n  ~'\n  ^"),
    ('~A ~A', '(1)',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: No more arguments\n  ~A ~A\n      ^'),
    ('~1,2,3,4,5,6A', '(1)',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: Too many parameters, expected no more than 4\n  ~1,2,3,4,5,6A\n           ^'),
    ('~::A', '(1)',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: Too many colons supplied\n  ~::A\n    ^\nSee also:\n  The ANSI Standard, Section 22.3'),
    ('~@@A', '(1)',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: Too many #\\@ characters supplied\n  ~@@A\n    ^\nSee also:\n  The ANSI Standard, Section 22.3'),
    ('~:@10$', '(1.0)',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: Parameters found after #\\: or #\\@ modifier\n  ~:@10$\n     ^\nSee also:\n  The ANSI Standard, Section 22.3'),
    ("~A~,,,'-5A", '(1 2)',
     "ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: Too many parameters, expected no more than 4\n  ~A~,,,'-5A\n          ^"),
    ('~1,2,3,4,5D', '(1)',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: Too many parameters, expected no more than 4\n  ~1,2,3,4,5D\n           ^'),
    ('~@I', '()',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: The at-sign modifier cannot be used with this directive.\n  ~@I\n    ^'),
    ('~z', '()',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: Unknown format directive (character: LATIN_CAPITAL_LETTER_Z)\n  ~z\n   ^'),
    ('Hello, ~A! You have ~D new message~:P.', '("Bob" 3)',
     'OK:Hello, Bob! You have 3 new messages.'),
    ('~{~A~^ ~}~%', '((a b c))',
     'OK:A B C\n'),
    ('~&~A: ~{~S~^, ~}~%', '("items" (1 "two" #\\3))',
     'OK:items: 1, "two", #\\3\n'),
    ('~:(~R~) apple~:P', '(21)',
     'OK:Twenty-One apples'),
    ('Total: ~10,2F|~10,2F|', '(3.14159 -2.5)',
     'OK:Total:       3.14|     -2.50|'),
    ('~A is ~:[odd~;even~]', '(4 t)',
     'OK:4 is even'),
    ('~{~:(~A~)~^ ~}', '((hello world))',
     'OK:Hello World'),
    ('~@[~A~]~@[~A~]', '(nil 2)',
     'OK:2'),
    ('~%~%~&x', '()',
     'OK:\n\nx'),
    ('~5,2F ~5,2E', '(1.0 1.0)',
     'OK: 1.00 1.00e+0'),
    ('~1R', '(5)',
     'ERR:COMMON-LISP:TYPE-ERROR:The value\n  1\nis not of type\n  (INTEGER 2 36)\nwhen binding *PRINT-BASE*'),
    ('~37R', '(5)',
     'ERR:COMMON-LISP:TYPE-ERROR:The value\n  37\nis not of type\n  (INTEGER 2 36)\nwhen binding *PRINT-BASE*'),
    ('~:T|', '()',
     'OK:|'),
    ('a~5:@T|', '()',
     'OK:a|'),
    ('~I~:I~_~:_~@_|', '()',
     'OK:|'),
    ('~{~A~}', '((1 2 . 3))',
     'ERR:COMMON-LISP:TYPE-ERROR:The value\n  3\nis not of type\n  LIST'),
    ('~{~A~^,~}', '((1 2 . 3))',
     'ERR:COMMON-LISP:TYPE-ERROR:The value\n  3\nis not of type\n  LIST'),
    ('~{~(~A~^ ~A~)~}', '((a b c))',
     'OK:a bc'),
    ('~<~A~^~;~A~>', '(1)',
     'OK:'),
    ('~5*', '(1)',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: No more arguments\n  ~5*\n    ^'),
    ('~v%', '(#\\a)',
     'ERR:COMMON-LISP:TYPE-ERROR:The value\n  #\\a\nis not of type\n  INTEGER'),
    ('~v~', '(2.5)',
     'ERR:COMMON-LISP:TYPE-ERROR:The value\n  2.5\nis not of type\n  INTEGER'),
    ('~v,vA|', '(2.5 1 x)',
     'OK:X  |'),
    ("~,,,'-:D", '(1234)',
     'ERR:COMMON-LISP:TYPE-ERROR:The value\n  #\\-\nis not of type\n  REAL'),
    ('~:D', '(1/2)',
     'OK:1/2'),
    ('~:@D', '(-1.5)',
     'OK:-1.5'),
    ("~10,'*:D", '(-1234567)',
     'OK:-1,234,567'),
    ("~,,'.,1:D", '(12345)',
     'OK:1.2.3.4.5'),
    ('~R', '(-1000000)',
     'OK:negative one million'),
    ('~@R', '(-5)',
     'ERR:COMMON-LISP:SIMPLE-ERROR:Number too large to print in Roman numerals: -5'),
    ('~A', '(1.0d0)',
     'OK:1.0d0'),
    ('~S', '(1.0d0)',
     'OK:1.0d0'),
    ('~D', '(#c(1 2))',
     'OK:#C(1 2)'),
    ('~X', '(#c(255 1))',
     'OK:#C(FF 1)'),
    ('~5,2$', '(#c(1 2))',
     'OK:#C(1 2)'),
    ('~A', '(#(1 2))',
     'OK:#(1 2)'),
    ('~A|', '(#\\Newline)',
     'OK:\n|'),
    ('~@{~A~#[~; and ~:;, ~]~}', '(1 2 3)',
     'OK:1, 2 and 3'),
    ('~@{~A~#[~; and ~:;, ~]~}', '(1 2)',
     'OK:1 and 2'),
    ('~@{~A~#[~; and ~:;, ~]~}', '(1)',
     'OK:1'),
    ('~:[~;~:*~A~]', '(7)',
     'OK:7'),
    ('~@[~A~]-~A', '(x y)',
     'OK:X-Y'),
    ('~{~@{~A~}~}', '((1 2))',
     'OK:12'),
    ('~{~A~#:*~}', '((1))',
     'OK:1'),
    ('~3@{~A~}', '(1 2 3 4 5)',
     'OK:123'),
    ('~1{~A~:}', '(())',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: No more arguments\n  ~1{~A~:}\n      ^'),
    ('~:{~@?~}', '(("<~A>" 1) ("[~A]" 2))',
     'ERR:COMMON-LISP:TYPE-ERROR:The value\n  "<~A>"\nis not of type\n  LIST'),
    ('~A~%~A~&~A', '(1 2 3)',
     'OK:1\n2\n3'),
    ('~~~A~~', '(x)',
     'OK:~X~'),
    ('~10,5T|', '()',
     'OK:          |'),
    ('ab~2,1T|', '()',
     'OK:ab |'),
    ('~@:(hello world~)', '()',
     'OK:HELLO WORLD'),
    ('~:@(~A~)', '("straße")',
     'OK:STRAßE'),
    ('~(~A~)', '("ÉCOLE")',
     'OK:école'),
    ('~A', '("")',
     'OK:'),
    ('~10A|', '("")',
     'OK:          |'),
    ('~v@A|', '(3 1)',
     'OK:  1|'),
    ('~4{~0@*~:}|~A', '("~A" 5)',
     'ERR:COMMON-LISP:TYPE-ERROR:The value\n  "~A"\nis not of type\n  LIST\nwhen binding LIST'),
    ('~12,0,2,2E', '(0.0d0)',
     'ERR:COMMON-LISP:TYPE-ERROR:The value\n  -1\nis not of type\n  (OR (MOD 4611686018427387901) NULL)'),
    ('~4{~^~#^x~@P~}', '(foo)',
     'ERR:COMMON-LISP:TYPE-ERROR:The value\n  FOO\nis not of type\n  SEQUENCE'),
    ('~4:@{~#^~B~}', '("~A")',
     'ERR:COMMON-LISP:TYPE-ERROR:The value\n  "~A"\nis not of type\n  LIST'),
    ('~4{~#A~:}', '("abc")',
     'ERR:COMMON-LISP:TYPE-ERROR:The value\n  "abc"\nis not of type\n  LIST'),
    ('~:@{~A~:^|~A~}~A', '((1 2 3))',
     'OK:12'),
    (' ,~rd~>a0~', '()',
     'ERR:SB-FORMAT:FORMAT-ERROR:error in FORMAT: ~> without a matching ~<\n   ,~rd~>a0~\n       ^'),
]


def _lisp_args(source: str) -> list:
    return list_to_py(read_from_string(source)[0])


def _outcome(control: str, args: list) -> str:
    """What the case table records for (FORMAT NIL CONTROL . ARGS)."""
    try:
        return "OK:" + format_to_string(control, args)
    except LispError as e:
        name = e.class_name.split(":")[-1]
        if name in ("FORMAT-ERROR", "SIMPLE-ERROR"):
            report = format_to_string(e.initargs["FORMAT-CONTROL"].value,
                                      list_to_py(e.initargs["FORMAT-ARGUMENTS"]))
        elif name in ("TYPE-ERROR", "UNDEFINED-FUNCTION"):
            report = report_string(condition_from_lisp_error(e))
        else:
            report = None
        return f"ERR:{name}:{report}"


def _expected_outcome(expected: str) -> str:
    if not expected.startswith("ERR:"):
        return expected
    _, _, name, report = expected.split(":", 3)
    if name not in ("FORMAT-ERROR", "SIMPLE-ERROR", "TYPE-ERROR", "UNDEFINED-FUNCTION"):
        report = None
    return f"ERR:{name}:{report}"


@pytest.mark.parametrize("control,args,expected", CASES)
def test_format_matches_sbcl(control, args, expected):
    assert _outcome(control, _lisp_args(args)) == _expected_outcome(expected)


def _sbcl_outcomes(cases) -> list:
    def lisp_string(s):
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    forms = ["(defvar *ctl*)", "(setf *print-pretty* t)"]
    for i, (control, args, _) in enumerate(cases):
        forms.append(
            f"(let ((r (handler-case (progn (setf *ctl* {lisp_string(control)}) "
            f"(concatenate 'string \"OK:\" (apply #'format nil *ctl* '{args}))) "
            "(error (e) (concatenate 'string \"ERR:\" (package-name (symbol-package (type-of e)))"
            " \":\" (symbol-name (type-of e)) \":\" (princ-to-string e))))))"
            f" (format t \"~D ~D~%~A~%\" {i} (length r) r))")
    out = subprocess.run(["sbcl", "--script", "/dev/stdin"], input="\n".join(forms),
                         capture_output=True, text=True, timeout=300).stdout
    results = {}
    pos = 0
    while pos < len(out):
        nl = out.index("\n", pos)
        i, n = map(int, out[pos:nl].split())
        results[i] = out[nl + 1:nl + 1 + n]
        pos = nl + 1 + n + 1
    return [results.get(i) for i in range(len(cases))]


@pytest.mark.skipif(shutil.which("sbcl") is None, reason="needs sbcl")
def test_cases_match_sbcl():
    wrong = [(c, a, e, got) for (c, a, e), got in zip(CASES, _sbcl_outcomes(CASES)) if got != e]
    assert wrong == []


# ---------------------------------------------------------------- Lisp functions
class _StandInMachine:
    """Runs Python-implemented Lisp functions for call_nested."""

    def call_nested(self, fn, args):
        return fn.fn(*args)


@pytest.fixture
def machine():
    saved = state.machine
    state.machine = _StandInMachine()
    yield
    state.machine = saved


def _defun(name: str, fn):
    sym = CL_USER.intern(name)[0]
    prim = Primitive(sym, fn, 0, None)
    sym.fn = prim
    return prim


def _fmt_test_fn(stream, arg, colon, atsign, *params):
    format_to_stream(stream, "[~A ~S ~S ~S]", [arg, colon, atsign, lisp_list(*params)])
    return NIL


def test_user_function_directive(machine):
    # (defun fmt-test-fn (s arg colon at &rest params)
    #   (format s "[~A ~S ~S ~S]" arg colon at params))
    _defun("FMT-TEST-FN", _fmt_test_fn)
    sym = CL_USER.intern("B")[0]
    assert (format_to_string("~3,'x,v,#:@/fmt-test-fn/|~/fmt-test-fn/",
                             [7, CL_USER.intern("A")[0], sym])
            == '[A T T (3 #\\x 7 2)]|[B NIL NIL NIL]')
    assert format_to_string("~/cl-user::fmt-test-fn/", [1]) == "[1 NIL NIL NIL]"


def test_function_as_control(machine):
    def angle(stream, *args):
        format_to_stream(stream, "<~{~A~^,~}>", [lisp_list(*args)])
        return NIL
    f = Primitive(cl_sym("FMT-TEST-ANGLE"), angle, 1, None)
    assert format_to_string(f, [1, 2]) == "<1,2>"
    assert lisp_format(NIL, f, 1, 2).value == "<1,2>"


def test_function_in_indirection_and_iteration(machine):
    def first_in_parens(stream, a, *rest):
        format_to_stream(stream, "(~A)", [a])
        return lisp_list(*rest)

    def show_args(stream, *args):
        format_to_stream(stream, "~S", [lisp_list(*args)])
        return NIL

    def angle_first(stream, a, *rest):
        format_to_stream(stream, "<~A>", [a])
        return lisp_list(*rest)

    f1 = Primitive(cl_sym("FMT-TEST-1"), first_in_parens, 1, None)
    f2 = Primitive(cl_sym("FMT-TEST-2"), show_args, 1, None)
    f3 = Primitive(cl_sym("FMT-TEST-3"), angle_first, 1, None)
    assert format_to_string("~@?~A", [f1, 1, 2]) == "(1)2"
    assert format_to_string("~?~A", [f2, lisp_list(1, 2), 3]) == "(1 2)3"
    assert format_to_string("~{~}", [f3, lisp_list(1, 2, 3)]) == "<1><2><3>"


# ---------------------------------------------------------------- streams and destinations
def test_column_of_the_destination_stream():
    out = StringOutputStream()
    out.write("abc")
    format_to_stream(out, "~&x~5Ty~@(~10T~)z", [])
    assert out.getvalue() == "abc\nx    y    z"
    assert format_to_string("ab~(~A~6Tz~)", [LString("X")]) == "abx   z"


def test_destination_nil_returns_a_string():
    r = lisp_format(NIL, LString("~A-~A"), 1, 2)
    assert isinstance(r, LString) and r.value == "1-2"


def test_destination_t_writes_to_standard_output():
    out = StringOutputStream()
    state.dyn[cl_sym("*STANDARD-OUTPUT*")] = out
    try:
        assert lisp_format(T, LString("~D~%"), 42) is NIL
    finally:
        del state.dyn[cl_sym("*STANDARD-OUTPUT*")]
    assert out.getvalue() == "42\n"


def test_destination_stream():
    out = StringOutputStream()
    assert lisp_format(out, LString("x~A"), 1) is NIL
    assert out.getvalue() == "x1"


def test_destination_string_with_fill_pointer():
    # (let ((s (make-array 5 :element-type 'character :adjustable t :fill-pointer 3
    #                        :initial-contents "abc  ")))
    #   (format s "~&x~A" 1) s)  =>  "abc
    # x1"
    s = LString("abc  ", fill_pointer=3, adjustable=True)
    assert lisp_format(s, LString("~&x~A"), 1) is NIL
    assert s.value == "abc\nx1"
    empty = LString("", fill_pointer=0, adjustable=True)
    lisp_format(empty, LString("~&x~A"), 1)
    assert empty.value == "x1"


def test_destination_string_without_fill_pointer():
    with pytest.raises(LispError) as e:
        lisp_format(LString("   "), LString("x"))
    assert e.value.class_name == "SIMPLE-ERROR"
    assert _outcome_of(e.value) == '"   " is not a string with a fill-pointer'


def test_bad_destination_and_control():
    with pytest.raises(LispError) as e:
        lisp_format(5, LString("x"))
    assert e.value.class_name == "SYS::CASE-FAILURE"
    with pytest.raises(LispError) as e:
        lisp_format(NIL, 5)
    assert e.value.class_name == "SYS::CASE-FAILURE"


def _outcome_of(e: LispError) -> str:
    return format_to_string(e.initargs["FORMAT-CONTROL"].value,
                            list_to_py(e.initargs["FORMAT-ARGUMENTS"]))


# ---------------------------------------------------------------- errors and parsing
def test_format_error_condition():
    assert SB_FORMAT.find("FORMAT-ERROR")[1] == "external"
    with pytest.raises(LispError) as e:
        format_to_string("~A~?", [1, LString("~A ~Z"), lisp_list(2)])
    assert e.value.class_name == "SB-FORMAT:FORMAT-ERROR"
    assert _outcome_of(e.value) == (
        "error in FORMAT: Unknown format directive (character: LATIN_CAPITAL_LETTER_Z)\n"
        "  ~A ~Z\n      ^\nwhile processing indirect format string:\n  ~A~?\n     ^")


def test_output_before_an_error_is_written():
    out = StringOutputStream()
    with pytest.raises(LispError):
        format_to_stream(out, "abc~A~A", [1])
    assert out.getvalue() == "abc1"


def test_parse_is_cached():
    assert tokenize("~A and ~{~A~}") is tokenize("~A and ~{~A~}")
    items = tokenize("a~%b~~c~A").items
    assert items[0] == "a\nb~c" and items[1].char == "A"


def test_lstring_control_with_fill_pointer():
    assert format_to_string(LString("~A!zzz", fill_pointer=3), [1]) == "1!"


# ---------------------------------------------------------------- float digits
def test_flonum_to_string_matches_sbcl():
    # (multiple-value-list (sb-impl::flonum-to-string x width fdigits scale fmin))
    assert flonum_to_string(SingleFloat.of(0.05), 3, None, 0, None) == (".05", 3, True, False, 0)
    assert flonum_to_string(SingleFloat.of(796.2), 2, 2, 1, None) == ("7962.00", 7, False, False, 4)
    assert flonum_to_string(370368.0, 8, 2, -2, None) == ("3703.68", 7, False, False, 4)
    assert flonum_to_string(0.0625, 8, 3, None, 1) == (".063", 4, True, False, 0)
    assert flonum_to_string(SingleFloat.of(1.5), None, None, 2, 0) == ("150.", 4, False, True, 3)


def test_scale_exponent_matches_sbcl():
    # (multiple-value-list (sb-impl::scale-exponent x))
    assert scale_exponent(1.3999397971139518e24) == (0.13999397971139518, 25)
    assert scale_exponent(7.468225944417469e293) == (0.746822594441747, 294)
    assert scale_exponent(SingleFloat.of(0.3)) == (SingleFloat.of(0.3), 0)
    assert scale_exponent(0.0) == (0.0, 1)
