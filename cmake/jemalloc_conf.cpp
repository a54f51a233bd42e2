// jemalloc's settings for the programs and benchmarks linked with it (newsdex_malloc, in the top
// CMakeLists.txt): jemalloc reads this variable at start-up; MALLOC_CONF in the environment overrides it.
//
// thp:always asks for transparent huge pages (MADV_HUGEPAGE) on jemalloc's memory, which a system
// with THP set to "madvise" (as on the 2-core VMs) gives only when asked. Every page a run touches
// first is a page fault, and faults are dear on virtual machines: loading the entity model (~100 MB of
// small allocations) went ~70 ms faster with 2 MB pages, a seventh of a small update's run (docs/performance.md,
// "Indexing: where the time goes"). A full build is as fast either way, with ~20 MB more peak memory.
extern "C" const char* malloc_conf;  // the name jemalloc looks for
const char* malloc_conf = "thp:always,metadata_thp:always";
