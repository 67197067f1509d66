"""Build output models from trusted internal values without re-validating them (the hot path)."""

from __future__ import annotations

from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)


def build(cls: type[M], /, **values: Any) -> M:
    """Construct an output model from trusted internal values, skipping validation.

    Faster than `model_construct` on the hot path; every field must be given (no defaults are
    filled). The tests re-validate whole decisions, so a shape mistake here cannot go unseen.
    """
    obj = cls.__new__(cls)
    object.__setattr__(obj, "__dict__", values)
    object.__setattr__(obj, "__pydantic_fields_set__", set(values))
    object.__setattr__(obj, "__pydantic_extra__", None)
    object.__setattr__(obj, "__pydantic_private__", None)
    return obj
