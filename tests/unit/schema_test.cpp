/** @file
 * @brief Tests of the schema table and the database version check.
 */
#include <map>
#include <string>

#include <gtest/gtest.h>
#include <xapian.h>

#include <newsdex/core/error.hpp>
#include <newsdex/schema/schema.hpp>
#include <test_support.hpp>

namespace newsdex::schema {
namespace {

TEST(Schema, FieldsAreFoundCaseInsensitively) {
    ASSERT_NE(find_field("title"), nullptr);
    EXPECT_EQ(find_field("TITLE"), find_field("title"));
    EXPECT_EQ(find_field("Title")->prefix, title_prefix);
    EXPECT_EQ(find_field("date")->kind, Kind::date);
    EXPECT_EQ(find_field("nosuchfield"), nullptr);
    EXPECT_EQ(find_field(""), nullptr);
}

TEST(Schema, EveryFieldHasADistinctPrefixUnlessItIsAnAlias) {
    std::map<std::string, std::string> by_prefix;
    for (const auto& f : fields()) {
        if (f.name == "subject") {  // documented alias of title
            EXPECT_EQ(f.prefix, title_prefix);
            continue;
        }
        const auto [it, inserted] = by_prefix.emplace(std::string(f.prefix), std::string(f.name));
        EXPECT_TRUE(inserted) << f.name << " shares prefix '" << f.prefix << "' with " << it->second;
        EXPECT_FALSE(f.help.empty()) << f.name;
    }
}

TEST(Schema, TagPrefixesEndWithAColonSoTheyCannotCollide) {
    EXPECT_EQ(tag_field_prefix("places"), "XGplaces:");
    EXPECT_EQ(tag_field_prefix("t"), "XGt:");
}

TEST(Schema, CheckDatabaseAcceptsOurVersionAndAnEmptyDatabase) {
    test::TempDir tmp;
    const std::string path = (tmp / "db").string();
    {
        Xapian::WritableDatabase w(path, Xapian::DB_CREATE);
        w.commit();
    }
    EXPECT_NO_THROW(check_database(Xapian::Database(path), path));
    {
        Xapian::WritableDatabase w(path, Xapian::DB_OPEN);
        w.set_metadata(std::string(meta_schema_version), std::to_string(version));
        w.set_metadata(std::string(meta_language), "english");
        w.add_document(Xapian::Document());
        w.commit();
    }
    EXPECT_EQ(check_database(Xapian::Database(path), path), "english");
}

TEST(Schema, CheckDatabaseRefusesOtherVersionsAndForeignDatabases) {
    test::TempDir tmp;
    const std::string foreign = (tmp / "foreign").string();
    {
        Xapian::WritableDatabase w(foreign, Xapian::DB_CREATE);
        w.add_document(Xapian::Document());
        w.commit();
    }
    EXPECT_THROW(check_database(Xapian::Database(foreign), foreign), SchemaError);

    const std::string newer = (tmp / "newer").string();
    {
        Xapian::WritableDatabase w(newer, Xapian::DB_CREATE);
        w.set_metadata(std::string(meta_schema_version), std::to_string(version + 1));
        w.add_document(Xapian::Document());
        w.commit();
    }
    try {
        check_database(Xapian::Database(newer), newer);
        FAIL() << "no SchemaError";
    } catch (const SchemaError& e) {
        EXPECT_NE(std::string(e.what()).find("schema version " + std::to_string(version + 1)), std::string::npos)
            << e.what();
        EXPECT_NE(std::string(e.what()).find("re-index"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace newsdex::schema
