# What `cmake --install` and `cpack -G DEB` ship: the two programs, the tagger model (data/), the man
# pages, bash completion and the Debian copyright/changelog. Not the tests, benchmarks or the `ner`
# trainer (a developer's tool that needs the CoNLL corpora). docs/install.md describes the layout.
include(GNUInstallDirs)

install(TARGETS indexer searcher RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

# core/data_paths.cpp looks for <exe dir>/../${CMAKE_INSTALL_DATADIR}/newsdex: every runtime file of data/
# goes there, without the READMEs that describe how the files were made.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/data/ DESTINATION ${CMAKE_INSTALL_DATADIR}/newsdex
        PATTERN "README.md" EXCLUDE)

# Bash completion, in the folder bash-completion loads on demand (one file per command name).
install(FILES ${PROJECT_SOURCE_DIR}/completion/indexer.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME indexer)
install(FILES ${PROJECT_SOURCE_DIR}/completion/searcher.bash
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME searcher)

# Debian policy wants copyright and (for a native package) a gzipped changelog in share/doc/<package>.
set(NEWSDEX_DOC_BUILD ${PROJECT_BINARY_DIR}/doc)
# The changelog's date is the last commit's, so configuring again does not change the package.
execute_process(COMMAND git log -1 --format=%cD WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
                OUTPUT_VARIABLE NEWSDEX_CHANGELOG_DATE OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
if(NOT NEWSDEX_CHANGELOG_DATE)  # not a git checkout: the time of configuring (or SOURCE_DATE_EPOCH)
  string(TIMESTAMP NEWSDEX_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
endif()
configure_file(${PROJECT_SOURCE_DIR}/cmake/deb/changelog.in ${NEWSDEX_DOC_BUILD}/changelog @ONLY)
add_custom_command(OUTPUT ${NEWSDEX_DOC_BUILD}/changelog.gz
  COMMAND gzip -9nkf ${NEWSDEX_DOC_BUILD}/changelog
  DEPENDS ${NEWSDEX_DOC_BUILD}/changelog VERBATIM)
add_custom_target(newsdex_changelog ALL DEPENDS ${NEWSDEX_DOC_BUILD}/changelog.gz)
install(FILES ${PROJECT_SOURCE_DIR}/cmake/deb/copyright ${NEWSDEX_DOC_BUILD}/changelog.gz
        DESTINATION ${CMAKE_INSTALL_DOCDIR})

# Man pages: man/*.scd (scdoc markup) -> man1/*.1.gz in the build tree, as part of `all`.
add_subdirectory(man)

# cpack -G DEB: Depends from dpkg-shlibdeps (the shared libraries the programs link), plus the data
# packages read at run time, which no ELF file names.
set(CPACK_PACKAGE_NAME newsdex)
set(CPACK_PACKAGE_VENDOR "newsdex maintainers")
set(CPACK_PACKAGE_CONTACT "newsdex maintainers <maintainers@users.noreply.r-seed-8ee1360e.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "full-text search engine for news, memo and e-mail corpora")
set(CPACK_PACKAGE_DESCRIPTION  # Debian wants description lines under 80 columns
    "newsdex indexes news articles, memos, e-mail, JSON Lines, TREC and Reuters\n\
SGML, HTML and archives of them into a Xapian database, with the people,\n\
organisations, places and dates each document mentions. Its searcher answers\n\
queries with field prefixes, phrases, booleans, date ranges, facets and\n\
snippets, as text for people or JSON for programs.")
set(CPACK_PACKAGE_INSTALL_DIRECTORY newsdex)
set(CPACK_STRIP_FILES ON)
set(CPACK_GENERATOR DEB)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "iso-codes")  # the gazetteer's countries, read as JSON at run time
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "wordnet-base")  # the entity table's synonyms (USSR, Soviet Union)
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "xapian-tools")  # xapian-tcpsrv, to serve shards (docs/scale-out.md)
include(CPack)

# The README and docs/ beside the copyright, so the man pages' SEE ALSO resolves on an installed system.
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/docs/ DESTINATION ${CMAKE_INSTALL_DOCDIR}/docs FILES_MATCHING PATTERN "*.md")
