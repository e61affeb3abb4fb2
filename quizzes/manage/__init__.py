"""The lecturers' side of a quiz after attempts: grading queue, results, regrading,
item statistics and per-learner overrides, in the Wagtail admin."""
