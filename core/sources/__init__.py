"""Where frames come from: video files, cameras, the screen, generated clips, and the spec that names one."""
