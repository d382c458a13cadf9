/* return_code - returning 7 from main: the value becomes the exit status through
 * proc_exit, and output is flushed first (including a last line without a newline
 * on stdout and unbuffered stderr). */
#include <stdio.h>

int main(int argc, char **argv) {
  (void)argv;
  printf("argc is %d\n", argc);
  fputs("stderr without newline", stderr);
  printf("returning 7, no newline at the end");
  return 7;
}
