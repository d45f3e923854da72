/*
 * Linked into the release binary by scripts/build-release.sh (docs/install.md, "Which Linux
 * runs it"). Two C library symbols that the static parts of the binary reference would raise the
 * glibc it needs above 2.34:
 *
 * - hypotf: glibc 2.35 gave it a new symbol version (GLIBC_2.35) when it dropped the SVID error
 *   handling; the Swift runtime's libraries reference that version.
 * - arc4random: new in glibc 2.36; libstdc++.a (linked statically so that the binary needs no
 *   GLIBCXX version) references it from std::random_device, which hostcheck never uses.
 *
 * The linker redirects every reference to these symbols here (--wrap=hypotf, --wrap=arc4random),
 * so the binary asks for nothing newer than GLIBC_2.34 (__libc_start_main, the pthread functions
 * that moved into libc). scripts/check-release-binary.sh checks the floor.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/random.h>
#include <sys/types.h>

float __wrap_hypotf(float x, float y);
uint32_t __wrap_arc4random(void);

/* A float's square is exact in a double and cannot overflow it, so this is hypotf to within the
 * rounding of the final conversion; an infinite side gives infinity even when the other is NaN
 * (C11 F.10.4.3). */
float __wrap_hypotf(float x, float y) {
  if (isinf(x) || isinf(y)) return INFINITY;
  double dx = x, dy = y;
  return (float)sqrt(dx * dx + dy * dy);
}

/* arc4random cannot fail; getrandom (GLIBC_2.25) blocks until the kernel's pool is ready and is
 * retried when a signal interrupts it. Any other failure ends the process rather than returning
 * a predictable value. */
uint32_t __wrap_arc4random(void) {
  uint32_t value;
  for (;;) {
    ssize_t n = getrandom(&value, sizeof value, 0);
    if (n == (ssize_t)sizeof value) return value;
    if (n < 0 && errno != EINTR) abort();
  }
}
