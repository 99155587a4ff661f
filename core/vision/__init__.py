"""Faces in frames: res10 detector, the face finder, boxes, tracking, preprocessing, the emotion classifier and the per-frame analyzer."""
