from stc.cli import main

main()
