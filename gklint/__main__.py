from gklint.cli import main

main()
