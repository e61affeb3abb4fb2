"""Public certificate verification and the learner's certificates and results."""

urlpatterns = []
