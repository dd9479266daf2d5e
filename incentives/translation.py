from simple_history import register as keep_history

from .models import PointWeight, Policy

keep_history(Policy)
keep_history(PointWeight)
