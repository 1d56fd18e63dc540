"""Field limits of what crosses between parts in events: one source for the sender's model and
every receiver's, so that what one part accepts the others can take."""

CODE = 50  # implementation, basic and handling-item codes
MATTER_NAME = 200
USCC = 18  # unified social credit code (统一社会信用代码)
DEPARTMENT_NAME = 100
WINDOW_CODE = 40
STEP_TEXT = 500  # a step's name and actor
RESULT_NAME = 200
SUBJECT = 120  # who did it: an account or a service
