"""The generic 3-D face head pose is solved against: mesh point index -> (x, y, z).

Made by training/make_generic_face.py from the face mesh's own output on 2604 upright
FER2013 Training faces: aligned, averaged and made left-right symmetric. Units: the outer eye
corners are 1 apart. Axes as the camera sees a frontal face: x to the picture's right, y down,
z away from the camera. Rigid points only (no brows, lids, lips or jaw).
"""

GENERIC_FACE: dict[int, tuple[float, float, float]] = {
    33: (-0.4997, -0.1242, +0.0390),  # mirror 263
    133: (-0.1969, -0.1016, -0.0200),  # mirror 362
    362: (+0.1969, -0.1016, -0.0200),  # mirror 133
    263: (+0.4997, -0.1242, +0.0390),  # mirror 33
    168: (+0.0000, -0.1472, -0.1988),  # mirror 168
    6: (+0.0000, -0.0569, -0.2395),  # mirror 6
    197: (+0.0000, +0.0239, -0.2879),  # mirror 197
    195: (+0.0000, +0.0993, -0.3395),  # mirror 195
    5: (+0.0000, +0.1793, -0.3935),  # mirror 5
    4: (+0.0000, +0.2710, -0.4149),  # mirror 4
    1: (+0.0000, +0.3365, -0.3889),  # mirror 1
    2: (+0.0000, +0.3932, -0.2178),  # mirror 2
    98: (-0.1930, +0.3640, -0.1331),  # mirror 327
    327: (+0.1930, +0.3640, -0.1331),  # mirror 98
    129: (-0.2323, +0.2855, -0.0984),  # mirror 358
    358: (+0.2323, +0.2855, -0.0984),  # mirror 129
    64: (-0.2155, +0.3242, -0.1810),  # mirror 294
    294: (+0.2155, +0.3242, -0.1810),  # mirror 64
    10: (+0.0000, -0.6631, -0.1837),  # mirror 10
    151: (+0.0000, -0.4913, -0.2124),  # mirror 151
    9: (+0.0000, -0.3184, -0.2276),  # mirror 9
    108: (-0.1862, -0.4957, -0.1972),  # mirror 337
    337: (+0.1862, -0.4957, -0.1972),  # mirror 108
    67: (-0.3908, -0.6368, -0.0953),  # mirror 297
    297: (+0.3908, -0.6368, -0.0953),  # mirror 67
    234: (-0.7415, +0.0192, +0.6213),  # mirror 454
    454: (+0.7415, +0.0192, +0.6213),  # mirror 234
    93: (-0.7311, +0.1710, +0.6392),  # mirror 323
    323: (+0.7311, +0.1710, +0.6392),  # mirror 93
    127: (-0.7531, -0.1268, +0.5619),  # mirror 356
    356: (+0.7531, -0.1268, +0.5619),  # mirror 127
    116: (-0.6834, +0.0413, +0.1840),  # mirror 345
    345: (+0.6834, +0.0413, +0.1840),  # mirror 116
    117: (-0.5687, +0.0558, +0.0529),  # mirror 346
    346: (+0.5687, +0.0558, +0.0529),  # mirror 117
    50: (-0.5189, +0.2266, +0.0012),  # mirror 280
    280: (+0.5189, +0.2266, +0.0012),  # mirror 50
    123: (-0.6724, +0.1841, +0.1778),  # mirror 352
    352: (+0.6724, +0.1841, +0.1778),  # mirror 123
}
