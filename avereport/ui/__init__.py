from avereport.ui.singletons import keep_alive

# Before any Qt call of the app: see singletons.py.
keep_alive()
