;;;; The condition system: signalling, handlers, restarts (CLHS chapter 9).
;;;;
;;;; Handlers and restarts are kept in the special variables
;;;; *HANDLER-CLUSTERS* and *RESTART-CLUSTERS* (lists of clusters, innermost
;;;; first), so each process has its own and every exit restores them.
;;;; A handler runs with *HANDLER-CLUSTERS* bound to the clusters outside its
;;;; own (CLHS 9.1.4.1): a condition signalled inside a handler is not seen
;;;; by that handler's cluster again.

(in-package "SYSTEM")

(defun signal (datum &rest arguments)
  "Signal the condition designated by DATUM and ARGUMENTS: call each
applicable handler, innermost cluster first. Returns NIL if no handler
transfers control."
  (let ((condition (coerce-to-condition datum arguments 'simple-condition 'signal)))
    (when (and *break-on-signals* (typep condition *break-on-signals*))
      (break "~A~%BREAK was entered because of *BREAK-ON-SIGNALS*." condition))
    ;; Racket breaks are disabled during the whole search, not only in
    ;; each handler: between a raise and the handler that takes it, even
    ;; after handlers that decline (SPEC 6.6). Each handler gets a fresh
    ;; disabled parameterization, so one that enables breaks does not
    ;; enable them for the handlers after it.
    (racket::%call-with-breaks
     nil
     (lambda ()
       (do ((clusters *handler-clusters* (cdr clusters)))
           ((null clusters))
         (let ((*handler-clusters* (cdr clusters)))
           (dolist (handler (car clusters))
             (when (typep condition (car handler))
               (racket::%call-with-breaks nil (cdr handler) condition)))))))
    nil))

(defun error (datum &rest arguments)
  "Signal the condition designated by DATUM and ARGUMENTS; if no handler
transfers control, enter the debugger."
  (let ((condition (coerce-to-condition datum arguments 'simple-error 'error)))
    (signal condition)
    (invoke-debugger condition)))

(defun invoke-debugger (condition)
  "Call SB-EXT:*INVOKE-DEBUGGER-HOOK* and *DEBUGGER-HOOK* (each bound to NIL
while it runs), then hand CONDITION to the host: a script prints it and
exits, the REPL reports it and returns to its prompt, an embedding program
gets a Python exception, another process ends."
  (let ((hook sb-ext:*invoke-debugger-hook*))
    (when hook
      (let ((sb-ext:*invoke-debugger-hook* nil))
        (funcall hook condition hook))))
  (let ((hook *debugger-hook*))
    (when hook
      (let ((*debugger-hook* nil))
        (funcall hook condition hook))))
  (%invoke-debugger condition))

;;; Handlers

(defmacro handler-bind (bindings &body forms)
  "Run FORMS with the handlers of BINDINGS ((type handler) ...) active."
  `(let ((*handler-clusters*
           (cons (list ,@(mapcar (lambda (binding)
                                   (unless (and (consp binding) (consp (cdr binding))
                                                (null (cddr binding)))
                                     (error "ill-formed handler binding: ~S" binding))
                                   `(cons ',(car binding) ,(cadr binding)))
                                 bindings))
                 *handler-clusters*)))
     ,@forms))

(defmacro handler-case (form &rest cases)
  "Run FORM; if a condition of a clause's type is signalled, unwind and run
that clause's body with its variable bound to the condition."
  (let ((no-error (assoc :no-error cases)))
    (if no-error
        (let ((normal-return (gensym "NORMAL-RETURN"))
              (error-return (gensym "ERROR-RETURN")))
          `(block ,error-return
             (multiple-value-call (lambda ,@(cdr no-error))
               (block ,normal-return
                 (return-from ,error-return
                   (handler-case (return-from ,normal-return ,form)
                     ,@(remove no-error cases)))))))
        ;; The clauses run with Racket breaks disabled (SPEC 6.6), FORM with
        ;; the break parameterization outside: the TAGBODY is inside a
        ;; disabled parameterization, so the GO from a handler arrives in
        ;; it with breaks already disabled, no step between.
        (let ((block (gensym "HANDLER-CASE"))
              (var (gensym "CONDITION"))
              (temp (gensym "TEMP"))
              (outer (gensym "BREAKS"))
              (tags (mapcar (lambda (c) (declare (ignore c)) (gensym "CLAUSE")) cases)))
          `(block ,block
             (let ((,var nil)
                   (,outer (racket:current-break-parameterization)))
               (declare (ignorable ,var))
               (racket::%call-with-breaks
                nil
                (lambda ()
                  (tagbody
                     (handler-bind
                         ,(mapcar (lambda (case tag)
                                    `(,(car case) (lambda (,temp) (setq ,var ,temp) (go ,tag))))
                                  cases tags)
                       (return-from ,block
                         (racket:call-with-break-parameterization ,outer (lambda () ,form))))
                     ,@(mapcan (lambda (case tag)
                                 (let ((cvar (car (cadr case)))
                                       (body (cddr case)))
                                   (list tag
                                         `(return-from ,block
                                            ,(if cvar
                                                 `(let ((,cvar ,var)) ,@body)
                                                 `(locally ,@body))))))
                               cases tags))))))))))

(defmacro ignore-errors (&rest forms)
  "Run FORMS; if an ERROR is signalled, return NIL and the condition."
  `(handler-case (progn ,@forms)
     (error (condition) (values nil condition))))

;;; Restarts

(defun make-restart (name function &optional report-function interactive-function test-function)
  (%make-restart name function report-function interactive-function
                 (or test-function (constantly t))))

(defmacro restart-bind (bindings &body forms)
  `(let ((*restart-clusters*
           (cons (list ,@(mapcar (lambda (binding)
                                   (destructuring-bind (name function &key interactive-function
                                                                         report-function test-function)
                                       binding
                                     `(make-restart ',name ,function ,report-function
                                                    ,interactive-function ,test-function)))
                                 bindings))
                 *restart-clusters*)))
     ,@forms))

(defun restart-applicable-p (restart condition)
  (and (or (null condition)
           (null (restart-conditions restart))
           (member condition (restart-conditions restart)))
       (funcall (restart-test-function restart) condition)))

(defun compute-restarts (&optional condition)
  "The active restarts applicable to CONDITION, innermost first."
  (let ((result '()))
    (dolist (cluster *restart-clusters*)
      (dolist (restart cluster)
        (when (restart-applicable-p restart condition)
          (push restart result))))
    (nreverse result)))

(defun find-restart (identifier &optional condition)
  (dolist (cluster *restart-clusters*)
    (dolist (restart cluster)
      (when (and (or (eq restart identifier) (eq (restart-name restart) identifier))
                 (restart-applicable-p restart condition))
        (return-from find-restart restart)))))

(defun find-restart-or-control-error (identifier &optional condition)
  (or (find-restart identifier condition)
      (error 'simple-control-error
             :format-control "No restart ~S is active~@[ for ~S~]."
             :format-arguments (list identifier condition))))

(defun invoke-restart (restart &rest values)
  (let ((r (if (restart-p restart)
               restart
               (find-restart-or-control-error restart))))
    (apply (restart-function r) values)))

(defun invoke-restart-interactively (restart)
  (let* ((r (if (restart-p restart) restart (find-restart-or-control-error restart)))
         (interactive (restart-interactive-function r)))
    (apply (restart-function r) (if interactive (funcall interactive) '()))))

(defmacro with-condition-restarts (condition-form restarts-form &body body)
  (let ((c (gensym "CONDITION")) (rs (gensym "RESTARTS")))
    `(let ((,c ,condition-form) (,rs ,restarts-form))
       (unwind-protect
            (progn (dolist (r ,rs) (push ,c (restart-conditions r)))
                   ,@body)
         (dolist (r ,rs) (setf (restart-conditions r) (remove ,c (restart-conditions r) :count 1)))))))

(defun parse-restart-clause (clause)
  "(name lambda-list keyword-options body) of a RESTART-CASE clause."
  (let ((name (car clause)) (ll (cadr clause)) (rest (cddr clause))
        (report nil) (interactive nil) (test nil))
    (loop
      (cond ((and (eq (car rest) :report) (cdr rest))
             (setq report (cadr rest) rest (cddr rest)))
            ((and (eq (car rest) :interactive) (cdr rest))
             (setq interactive (cadr rest) rest (cddr rest)))
            ((and (eq (car rest) :test) (cdr rest))
             (setq test (cadr rest) rest (cddr rest)))
            (t (return))))
    (list name ll report interactive test rest)))

(defmacro restart-case (expression &body clauses)
  "Run EXPRESSION with the restarts of CLAUSES active; invoking one unwinds
here and runs its body with the restart's arguments."
  (let* ((block (gensym "RESTART-CASE"))
         (args (gensym "ARGS"))
         (temp (gensym "TEMP"))
         (parsed (mapcar #'parse-restart-clause clauses))
         (tags (mapcar (lambda (c) (declare (ignore c)) (gensym "RESTART")) clauses))
         (signalling (and (consp expression)
                          (member (car expression) '(signal error cerror warn)))))
    `(block ,block
       (let ((,args nil))
         (declare (ignorable ,args))
         (tagbody
            (restart-bind
                ,(mapcar (lambda (p tag)
                           (destructuring-bind (name ll report interactive test body) p
                             (declare (ignore ll body))
                             `(,name (lambda (&rest ,temp) (setq ,args ,temp) (go ,tag))
                                     ,@(when report
                                         `(:report-function
                                           ,(if (stringp report)
                                                `(lambda (stream) (write-string ,report stream))
                                                `(function ,report))))
                                     ,@(when interactive
                                         `(:interactive-function (function ,interactive)))
                                     ,@(when test
                                         `(:test-function (function ,test))))))
                         parsed tags)
              (return-from ,block
                ,(if signalling
                     (restart-case-signal-form expression (length clauses))
                     expression)))
            ,@(mapcan (lambda (p tag)
                        (destructuring-bind (name ll report interactive test body) p
                          (declare (ignore name report interactive test))
                          (list tag `(return-from ,block (apply (lambda ,ll ,@body) ,args)))))
                      parsed tags))))))

(defun restart-case-signal-form (expression n)
  "EXPRESSION (a call of SIGNAL, ERROR, CERROR or WARN) with its condition
associated with the N restarts just established (CLHS 9.1.4.2.4)."
  (let ((c (gensym "CONDITION"))
        (op (car expression)))
    (if (eq op 'cerror)
        `(let ((,c (coerce-to-condition ,(caddr expression) (list ,@(cdddr expression))
                                        'simple-error 'cerror)))
           (with-condition-restarts ,c (subseq (car *restart-clusters*) 0 ,n)
             (cerror ,(cadr expression) ,c)))
        `(let ((,c (coerce-to-condition ,(cadr expression) (list ,@(cddr expression))
                                        ',(if (eq op 'warn) 'simple-warning
                                              (if (eq op 'signal) 'simple-condition 'simple-error))
                                        ',op)))
           (with-condition-restarts ,c (subseq (car *restart-clusters*) 0 ,n)
             (,op ,c))))))

(defmacro with-simple-restart ((name format-control &rest format-arguments) &body forms)
  `(restart-case (progn ,@forms)
     (,name ()
       :report (lambda (stream) (format stream ,format-control ,@format-arguments))
       (values nil t))))

;;; CERROR, WARN and BREAK come after the restart macros they use: a
;;; function's body is analyzed when it is defined.

(defun cerror (continue-format-control datum &rest arguments)
  (let ((condition (coerce-to-condition datum arguments 'simple-error 'cerror)))
    (with-simple-restart (continue "~?" continue-format-control arguments)
      (with-condition-restarts condition (list (find-restart 'continue))
        (signal condition)
        (invoke-debugger condition)))
    nil))

(defun warn (datum &rest arguments)
  "Signal a warning; unless a handler muffles it, print it on *ERROR-OUTPUT*."
  (let ((condition (coerce-to-condition datum arguments 'simple-warning 'warn)))
    (unless (typep condition 'warning)
      (error 'simple-type-error :datum condition :expected-type 'warning
             :format-control "~S is not a WARNING."
             :format-arguments (list condition)))
    (restart-case
        (with-condition-restarts condition (list (find-restart 'muffle-warning))
          (signal condition)
          (format *error-output* "~&WARNING: ~A~%" condition))
      (muffle-warning ()
        :report "Skip warning."
        nil))
    nil))

(defun break (&optional (format-control "Break") &rest format-arguments)
  (with-simple-restart (continue "Return from BREAK.")
    (let ((*debugger-hook* nil))
      (invoke-debugger (make-condition 'simple-condition
                                       :format-control format-control
                                       :format-arguments format-arguments))))
  nil)

(defun abort (&optional condition)
  (invoke-restart (find-restart-or-control-error 'abort condition))
  (error 'simple-control-error :format-control "ABORT restart failed to transfer control."))

(defun continue (&optional condition)
  (let ((r (find-restart 'continue condition)))
    (when r (invoke-restart r))))

(defun muffle-warning (&optional condition)
  (invoke-restart (find-restart-or-control-error 'muffle-warning condition)))

(defun use-value (value &optional condition)
  (let ((r (find-restart 'use-value condition)))
    (when r (invoke-restart r value))))

(defun store-value (value &optional condition)
  (let ((r (find-restart 'store-value condition)))
    (when r (invoke-restart r value))))

;;; Assertions

(defmacro check-type (place type &optional type-string)
  "Signal a correctable TYPE-ERROR unless PLACE's value is of TYPE; the
STORE-VALUE restart stores a new value and checks again."
  (let ((value (gensym "VALUE"))
        ;; as SBCL, the type as it spells it once parsed: (MOD 10) for (INTEGER 0 9)
        (type (sys::%canonical-type type)))
    `(do ((,value ,place ,place))
         ((typep ,value ',type) nil)
       (setf ,place (check-type-error ',place ,value ',type ,type-string)))))

(defun check-type-error (place value type type-string)
  (restart-case
      (error 'simple-type-error
             :datum value :expected-type type
             :format-control "The value of ~S is ~S, which is not ~:[of type ~S~;~:*~A~]."
             :format-arguments (list place value type-string type))
    (store-value (new)
      :report (lambda (stream) (format stream "Supply a new value for ~S." place))
      :interactive (lambda () (list (eval (read))))
      new)))

(defmacro assert (test &optional places datum &rest arguments &environment env)
  "Signal a correctable error until TEST is true; the CONTINUE restart
retries. When TEST is a function call, its arguments are evaluated once
per try and the report shows the value of each one that is not a
constant, as SBCL's does: The assertion (> A 5) failed with A = 1."
  (declare (ignore places))
  (let ((again (gensym "AGAIN")))
    (if (and (consp test) (symbolp (car test))
             (not (special-operator-p (car test)))
             (not (macro-function (car test) env)))
        (let ((temps (mapcar (lambda (arg) (declare (ignore arg)) (gensym "ARG")) (cdr test))))
          `(tagbody
              ,again
              (let ,(mapcar #'list temps (cdr test))
                (unless (,(car test) ,@temps)
                  (assert-error ',test
                                (list ,@(mapcan (lambda (arg temp)
                                                  (unless (constantp arg)
                                                    (list `',arg temp)))
                                                (cdr test) temps))
                                ,datum ,@arguments)
                  (go ,again)))))
        `(do () (,test nil)
           (assert-error ',test '() ,datum ,@arguments)))))

(defun assert-error (test-form values &optional datum &rest arguments)
  "VALUES alternates the argument forms of TEST-FORM and their values."
  (restart-case
      (if datum
          (apply #'error datum arguments)
          (error "~@<The assertion ~S failed~:[.~:; with ~:*~{~S = ~S~^, ~}.~]~:@>"
                 test-form values))
    (continue ()
      :report "Retry assertion."
      nil)))

;;; Defining conditions

(defun parse-condition-slot (spec)
  (let* ((spec (if (consp spec) spec (list spec)))
         (name (car spec))
         (options (cdr spec))
         (initargs '()) (readers '()) (writers '()) (initform nil) (initform-p nil)
         (allocation :instance))
    (do ((o options (cddr o)))
        ((null o))
      (let ((key (car o)) (value (cadr o)))
        (case key
          (:initarg (push value initargs))
          (:reader (push value readers))
          (:writer (push value writers))
          (:accessor (push value readers) (push (list 'setf value) writers))
          (:initform (setq initform value initform-p t))
          (:allocation (setq allocation value))
          ((:type :documentation) nil)
          (t (error "unknown slot option ~S in DEFINE-CONDITION" key)))))
    `(list ',name ',(reverse initargs) ',(reverse readers) ',(reverse writers)
           ,(if initform-p `(lambda () ,initform) nil)
           ',allocation)))

(defmacro define-condition (name parent-types slot-specs &rest options)
  "Define the condition class NAME (CLHS DEFINE-CONDITION)."
  (let ((report (cadr (assoc :report options)))
        (default-initargs (cdr (assoc :default-initargs options)))
        (doc (cadr (assoc :documentation options))))
    `(progn
       (%define-condition ',name ',parent-types
                          (list ,@(mapcar #'parse-condition-slot slot-specs))
                          ,(cond ((null report) nil)
                                 ((stringp report) report)
                                 ;; A function name is looked up when a
                                 ;; report is wanted: it may be defined later.
                                 ((symbolp report)
                                  `(lambda (condition stream) (funcall ',report condition stream)))
                                 (t `(function ,report)))
                          (list ,@(let ((out '()))
                                    (do ((d default-initargs (cddr d)))
                                        ((null d) (nreverse out))
                                      (push `',(car d) out)
                                      (push `(lambda () ,(cadr d)) out))))
                          ,doc)
       ',name)))
