"""Widgets of the play screen and the dialogs; each renders a frozen view it is given."""
