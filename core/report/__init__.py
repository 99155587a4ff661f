"""After-class reports: a recorded session (or a folder of them) read, summarised per student, plotted and written as one self-contained HTML page."""
