# Question banks, exams and attempts arrive with the quiz-engine issue.
