"""Scene-author tools: each a module with a function tests call and a `register(subparsers)`."""
