from .pages import HomePage
from .people import Profile, Rank, TrainingUnit

__all__ = ["HomePage", "Profile", "Rank", "TrainingUnit"]
