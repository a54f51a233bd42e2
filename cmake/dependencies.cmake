# All find_package / pkg-config look-ups of the project, in one place.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
pkg_check_modules(GEONAMES REQUIRED IMPORTED_TARGET geonames)  # libgeonames-dev: city gazetteer
pkg_check_modules(READLINE REQUIRED IMPORTED_TARGET readline)  # libreadline-dev: searcher's prompt
find_package(Xapian REQUIRED)            # libxapian-dev ships XapianConfig.cmake
find_package(ICU REQUIRED COMPONENTS uc i18n data)
find_package(CLI11 CONFIG REQUIRED)
find_package(simdjson CONFIG REQUIRED)
find_package(nlohmann_json CONFIG REQUIRED)
find_package(fmt CONFIG REQUIRED)
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
