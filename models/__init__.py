"""Network definitions used at run time (the emotion CNN and its weights file); training lives in training/."""
