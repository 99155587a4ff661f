"""The emotion CNN used at run time: its definition and its weights file (training lives in training/)."""
