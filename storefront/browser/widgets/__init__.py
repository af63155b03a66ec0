"""Small pieces of a screen, each owning its state and its listeners, talking to the view
that holds it through the callbacks it was given."""
