"""The generic 3-D face head pose is solved against: mesh point index -> (x, y, z).

Made by training/make_generic_face.py from the face mesh's own output on 2675 upright
FER2013 Training faces: aligned, averaged and made left-right symmetric. Units: the outer eye
corners are 1 apart. Axes as the camera sees a frontal face: x to the picture's right, y down,
z away from the camera. Rigid points only (no brows, lids, lips or jaw).
"""

GENERIC_FACE: dict[int, tuple[float, float, float]] = {
    33: (-0.4997, -0.1239, +0.0392),  # mirror 263
    133: (-0.1970, -0.1013, -0.0200),  # mirror 362
    362: (+0.1970, -0.1013, -0.0200),  # mirror 133
    263: (+0.4997, -0.1239, +0.0392),  # mirror 33
    168: (+0.0000, -0.1469, -0.1989),  # mirror 168
    6: (+0.0000, -0.0566, -0.2396),  # mirror 6
    197: (+0.0000, +0.0241, -0.2880),  # mirror 197
    195: (+0.0000, +0.0993, -0.3396),  # mirror 195
    5: (+0.0000, +0.1792, -0.3937),  # mirror 5
    4: (+0.0000, +0.2707, -0.4152),  # mirror 4
    1: (+0.0000, +0.3361, -0.3893),  # mirror 1
    2: (+0.0000, +0.3929, -0.2182),  # mirror 2
    98: (-0.1929, +0.3638, -0.1333),  # mirror 327
    327: (+0.1929, +0.3638, -0.1333),  # mirror 98
    129: (-0.2322, +0.2854, -0.0986),  # mirror 358
    358: (+0.2322, +0.2854, -0.0986),  # mirror 129
    64: (-0.2154, +0.3240, -0.1812),  # mirror 294
    294: (+0.2154, +0.3240, -0.1812),  # mirror 64
    10: (+0.0000, -0.6629, -0.1839),  # mirror 10
    151: (+0.0000, -0.4911, -0.2126),  # mirror 151
    9: (+0.0000, -0.3180, -0.2278),  # mirror 9
    108: (-0.1862, -0.4954, -0.1974),  # mirror 337
    337: (+0.1862, -0.4954, -0.1974),  # mirror 108
    67: (-0.3908, -0.6366, -0.0954),  # mirror 297
    297: (+0.3908, -0.6366, -0.0954),  # mirror 67
    234: (-0.7412, +0.0191, +0.6216),  # mirror 454
    454: (+0.7412, +0.0191, +0.6216),  # mirror 234
    93: (-0.7309, +0.1708, +0.6396),  # mirror 323
    323: (+0.7309, +0.1708, +0.6396),  # mirror 93
    127: (-0.7529, -0.1270, +0.5623),  # mirror 356
    356: (+0.7529, -0.1270, +0.5623),  # mirror 127
    116: (-0.6833, +0.0413, +0.1843),  # mirror 345
    345: (+0.6833, +0.0413, +0.1843),  # mirror 116
    117: (-0.5687, +0.0559, +0.0530),  # mirror 346
    346: (+0.5687, +0.0559, +0.0530),  # mirror 117
    50: (-0.5188, +0.2265, +0.0013),  # mirror 280
    280: (+0.5188, +0.2265, +0.0013),  # mirror 50
    123: (-0.6723, +0.1841, +0.1780),  # mirror 352
    352: (+0.6723, +0.1841, +0.1780),  # mirror 123
}
