"""Speed-ups of the engine. None changes the output; KB_FAST=0 turns every one off."""
