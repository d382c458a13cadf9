/* qsort_sort - qsort and bsearch over doubles (including negative zero and
 * infinities) and over structs with a multi-key comparison, with data from a fixed
 * linear congruential generator so that the input is the same in every run. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct person {
  char name[12];
  int age;
  double score;
};

static uint32_t lcg_state = 12345;

static uint32_t lcg(void) {
  lcg_state = lcg_state * 1103515245u + 12345u;
  return lcg_state >> 8;
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

/* age ascending, then score descending, then name */
static int cmp_person(const void *a, const void *b) {
  const struct person *p = a, *q = b;
  if (p->age != q->age)
    return p->age < q->age ? -1 : 1;
  if (p->score != q->score)
    return p->score > q->score ? -1 : 1;
  return strcmp(p->name, q->name);
}

static int cmp_str(const void *a, const void *b) {
  return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int main(void) {
  enum { N = 2000 };
  static double d[N];
  for (int i = 0; i < N; i++)
    d[i] = ((double)(int32_t)(lcg() - (1u << 23)) / 1024.0) * pow(10.0, (int)(lcg() % 9) - 4);
  d[7] = -0.0;
  d[8] = INFINITY;
  d[9] = -INFINITY;
  d[10] = 0.0;
  qsort(d, N, sizeof d[0], cmp_double);
  int sorted = 1;
  for (int i = 1; i < N; i++)
    if (d[i - 1] > d[i])
      sorted = 0;
  printf("doubles sorted: %d, first %g, last %g, median %.10g\n", sorted, d[0], d[N - 1], d[N / 2]);
  double sum = 0;
  for (int i = 1; i < N - 1; i++)
    sum += d[i];
  printf("sum of finite values: %.17g\n", sum);
  for (int i = 0; i < N; i += 199)
    printf("d[%d] = %.17g\n", i, d[i]);
  double key = d[1234];
  double *hit = bsearch(&key, d, N, sizeof d[0], cmp_double);
  printf("bsearch found %g: %s\n", key, hit && *hit == key ? "yes" : "no");
  key = 0.123456789;
  printf("bsearch for absent value: %s\n", bsearch(&key, d, N, sizeof d[0], cmp_double) ? "found" : "absent");

  static const char *const names[] = { "ada", "bob", "cyd", "dee", "eve", "fay", "gus", "hal" };
  static struct person people[300];
  for (int i = 0; i < 300; i++) {
    snprintf(people[i].name, sizeof people[i].name, "%s%u", names[lcg() % 8], lcg() % 50);
    people[i].age = 18 + (int)(lcg() % 10);
    people[i].score = (double)(lcg() % 1000) / 8.0;
  }
  qsort(people, 300, sizeof people[0], cmp_person);
  for (int i = 0; i < 300; i += 23)
    printf("%3d %-8s age %d score %.3f\n", i, people[i].name, people[i].age, people[i].score);
  int ordered = 1;
  for (int i = 1; i < 300; i++)
    if (cmp_person(&people[i - 1], &people[i]) > 0)
      ordered = 0;
  printf("people ordered: %d\n", ordered);

  const char *words[] = { "pear", "apple", "fig", "banana", "cherry", "date", "elderberry", "grape", "Apple", "" };
  size_t nw = sizeof words / sizeof words[0];
  qsort(words, nw, sizeof words[0], cmp_str);
  for (size_t i = 0; i < nw; i++)
    printf("%s[%s]", i ? " " : "", words[i]);
  putchar('\n');
  return 0;
}
