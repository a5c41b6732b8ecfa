"""Stage: the command line. One module per click command, each only parsing options and calling
into the library; :mod:`.fastpath` serves the command lines hooks run without click.
"""
