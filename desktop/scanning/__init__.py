"""Acquisition of document copies and reading the passport MRZ."""

import os

# The MRZ reader's template matching is a few small matrix products: OpenBLAS's threads make
# them 50-100× slower on a busy 2-core desk PC (they spin against the GUI and each other).
# Set before numpy is loaded (an administrator's own setting wins).
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
