# All find_package / pkg-config look-ups of the project, in one place.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
pkg_check_modules(GEONAMES REQUIRED IMPORTED_TARGET geonames)  # libgeonames-dev: city gazetteer
pkg_check_modules(READLINE REQUIRED IMPORTED_TARGET readline)  # libreadline-dev: searcher's prompt
pkg_check_modules(GMIME REQUIRED IMPORTED_TARGET gmime-3.0)    # libgmime-3.0-dev: e-mail and mbox input
pkg_check_modules(LIBARCHIVE REQUIRED IMPORTED_TARGET libarchive)  # libarchive-dev: tar/zip input
pkg_check_modules(GUMBO REQUIRED IMPORTED_TARGET gumbo)        # libgumbo-dev: HTML input
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)   # libxxhash-dev: record hashes (re-runs)
find_package(Xapian REQUIRED)            # libxapian-dev ships XapianConfig.cmake
find_package(ICU REQUIRED COMPONENTS uc i18n data)
find_package(CLI11 CONFIG REQUIRED)
find_package(simdjson CONFIG REQUIRED)
find_package(nlohmann_json CONFIG REQUIRED)
find_package(fmt CONFIG REQUIRED)
find_package(TBB CONFIG REQUIRED)     # libtbb-dev: the indexer's parallel pipeline
# libjemalloc-dev: the programs' allocator (not under the sanitizers, which bring their own). Indexing
# frees many small Xapian map nodes and then asks for a large buffer; glibc's malloc spends ~15% of the
# CPU of an index build consolidating its fast bins, jemalloc's per-thread caches do not (docs/performance.md,
# "Indexing: where the time goes").
if(NEWSDEX_JEMALLOC AND NOT NEWSDEX_SANITIZE)
  pkg_check_modules(JEMALLOC REQUIRED IMPORTED_TARGET jemalloc)
endif()
# liblingua-stopwords-perl: Snowball's English stop list (Lingua/StopWords/EN.pm), compiled into the
# searcher's query-time stopper (common/CMakeLists.txt generates stopwords_english.inc from it).
find_file(NEWSDEX_STOPWORDS_EN_PM Lingua/StopWords/EN.pm PATHS /usr/share/perl5 /usr/local/share/perl5 REQUIRED)
if(NEWSDEX_BUILD_TESTS)
  find_package(GTest CONFIG REQUIRED)
  include(GoogleTest)
endif()
if(NEWSDEX_BUILD_BENCHMARKS)
  find_package(benchmark CONFIG QUIET)
  if(NOT benchmark_FOUND)
    message(STATUS "Google Benchmark not found: benchmarks are not built")
  endif()
endif()
