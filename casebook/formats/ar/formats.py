"""Arabic date-times as Arabic dates are written: Django's Arabic formats give the date
("1 ديسمبر، 2026") but no date-time, which then falls back to the English order
("ديسمبر 1, 2026, 1:39 م")."""

DATETIME_FORMAT = "j F، Y، g:i A"
SHORT_DATETIME_FORMAT = "d‏/m‏/Y، g:i A"
