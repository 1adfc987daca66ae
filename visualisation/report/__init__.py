"""The death-investigation report as one offline, printable HTML page."""
