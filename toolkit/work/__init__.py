"""A teacher's saved work, without any widget: answers, module progress and output documents."""
