/* stdin_lines - reads standard input line by line with getline (lines longer than
 * any stdio buffer, empty lines, CRLF endings, a last line without a newline) and
 * then prints statistics and the lines in reverse order. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  char **lines = NULL;
  size_t n = 0, cap = 0, longest = 0, bytes = 0, words = 0, crlf = 0;
  char *line = NULL;
  size_t linecap = 0;
  ssize_t len;
  while ((len = getline(&line, &linecap, stdin)) >= 0) {
    bytes += (size_t)len;
    if (len > 0 && line[len - 1] == '\n')
      line[--len] = '\0';
    else
      printf("line %zu has no newline\n", n + 1);
    if (len > 0 && line[len - 1] == '\r') {
      line[--len] = '\0';
      crlf++;
    }
    if ((size_t)len > longest)
      longest = (size_t)len;
    for (ssize_t i = 0; i < len; i++)
      if (!isspace((unsigned char)line[i]) && (i == 0 || isspace((unsigned char)line[i - 1])))
        words++;
    if (n == cap) {
      cap = cap ? 2 * cap : 8;
      lines = realloc(lines, cap * sizeof *lines);
    }
    lines[n++] = strdup(line);
  }
  printf("feof %d ferror %d\n", feof(stdin), ferror(stdin));
  printf("%zu lines, %zu bytes, %zu words, %zu CRLF, longest %zu\n", n, bytes, words, crlf, longest);
  for (size_t i = n; i-- > 0;) {
    size_t l = strlen(lines[i]);
    if (l > 60)
      printf("%3zu: %.30s...%s (%zu chars)\n", i + 1, lines[i], lines[i] + l - 20, l);
    else
      printf("%3zu: [%s]\n", i + 1, lines[i]);
    free(lines[i]);
  }
  free(lines);
  free(line);
  /* reading again at end of file gives EOF again */
  printf("getchar after EOF: %d\n", getchar());
  return 0;
}
