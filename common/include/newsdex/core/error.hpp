/** @file
 * @brief The one error hierarchy of newsdex: usage errors versus runtime errors.
 *
 * Library code throws these (never prints, never exits); the programs catch them at the
 * boundary and map them to exit codes. Xapian and ICU failures are caught where they occur
 * and rethrown as one of these, carrying the operation and the path.
 */
#pragma once
#include <stdexcept>
#include <string>

namespace newsdex {

/// Base of every newsdex error.
class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The caller asked for something invalid: a bad option value, an unknown format or language.
class UsageError : public Error {
public:
    using Error::Error;
};

/// A query that cannot be parsed or means nothing (unbalanced quote, bad date range...).
class QueryError : public UsageError {
public:
    using UsageError::UsageError;
};

/// The environment failed: missing file, unreadable or locked database, corrupt data.
class RuntimeError : public Error {
public:
    using Error::Error;
};

/// The database exists but was written by an incompatible schema version, or is not a newsdex database.
class SchemaError : public RuntimeError {
public:
    using RuntimeError::RuntimeError;
};

}  // namespace newsdex
