// Entry points of the fuzz executables; see FuzzMain.c.
#include <stddef.h>
#include <stdint.h>
