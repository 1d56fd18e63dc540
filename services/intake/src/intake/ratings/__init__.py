"""好差评: ratings of closed cases (and hall visits), and the rectifications a 差评 opens."""
