"""aiosmtpd exactly as `python3 -m aiosmtpd ARGS...` runs it, but with the
greeting's ident "Python SMTP 1.4.3" replaced by "ESMTP" (what
SMTP(handler, ident="ESMTP") does): the banner variant of the e2e servers.

usage: python3 banner.py -n -l HOST:PORT
"""

import sys

import aiosmtpd.smtp
from aiosmtpd.main import main

# SMTP.__init__ falls back to this module global when ident is not given.
aiosmtpd.smtp.__ident__ = "ESMTP"

if __name__ == "__main__":
    main(sys.argv[1:])
