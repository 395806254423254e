@_exported import ScratchPostgres
