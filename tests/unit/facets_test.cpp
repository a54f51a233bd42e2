/** @file
 * @brief Facet slots (encode/decode), the multi-valued counting MatchSpy and FacetCollector, on a
 * small in-memory database.
 */
#include <map>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <newsdex/core/error.hpp>
#include <newsdex/index/document_builder.hpp>
#include <newsdex/search/facets.hpp>
#include <newsdex/schema/schema.hpp>

namespace newsdex {
namespace {

Document doc_with(std::vector<std::pair<EntityType, std::string>> entities, std::vector<std::string> places,
                  std::string date_sortable_iso = "") {
    Document d;
    for (auto& [t, n] : entities) {
        Entity e;
        e.type = t;
        e.canonical = n;
        d.entities.push_back(std::move(e));
    }
    if (!places.empty()) d.tags["places"] = std::move(places);
    d.tags["topics"] = {"news"};
    d.type = "news";
    (void)date_sortable_iso;
    return d;
}

/// An in-memory database of @p docs, each with a term "all" and its facet slots; dates in slot 0.
Xapian::WritableDatabase make_db(const std::vector<Document>& docs, const std::vector<std::string>& dates = {}) {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (std::size_t i = 0; i < docs.size(); ++i) {
        Xapian::Document x;
        x.add_term("all");
        if (i % 2 == 0) x.add_term("even");
        add_facet_values(x, docs[i]);
        if (i < dates.size() && !dates[i].empty()) x.add_value(schema::slot_date, dates[i]);
        db.add_document(x);
    }
    return db;
}

std::map<std::string, Xapian::doccount> as_map(const FacetResult& r) {
    std::map<std::string, Xapian::doccount> m;
    for (const auto& v : r.values) m[v.value] = v.count;
    return m;
}

TEST(FacetsTest, EncodeSortsDeduplicatesAndDropsEmpty) {
    const std::string e = encode_facet_values({"Walsh", "", "Bell", "Walsh", "Ångström"});
    std::vector<std::string_view> out;
    ASSERT_TRUE(decode_facet_values(e, out));
    EXPECT_EQ(out, (std::vector<std::string_view>{"Bell", "Walsh", "Ångström"}));
    EXPECT_EQ(encode_facet_values({}), "");
    EXPECT_EQ(encode_facet_values({""}), "");
}

TEST(FacetsTest, EncodeLongValuesAndBinary) {
    const std::string long_value(300, 'x');
    const std::string with_nul = tag_facet_entry("places", "usa");
    const std::string encoded = encode_facet_values({long_value, with_nul});
    std::vector<std::string_view> out;
    ASSERT_TRUE(decode_facet_values(encoded, out));
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0], with_nul);  // "places\0usa" < "xxx..."
    EXPECT_EQ(out[1], long_value);
}

TEST(FacetsTest, DecodeRejectsTruncatedData) {
    std::string e = encode_facet_values({"alpha", "beta"});
    e.pop_back();
    std::vector<std::string_view> out;
    EXPECT_FALSE(decode_facet_values(e, out));
    EXPECT_EQ(out, (std::vector<std::string_view>{"alpha"}));
}

TEST(FacetsTest, SpyCountsEachValueOncePerDocument) {
    std::vector<Document> docs;
    docs.push_back(doc_with({{EntityType::person, "Theresa Walsh"},
                             {EntityType::person, "Marcus Bell"},
                             {EntityType::person, "Theresa Walsh"}},  // twice in one document: counts once
                            {"usa", "canada"}));
    docs.push_back(doc_with({{EntityType::person, "Theresa Walsh"}, {EntityType::org, "FAA"}}, {"usa"}));
    docs.push_back(doc_with({{EntityType::person, "Ana Ruiz"}}, {}));
    auto db = make_db(docs);

    MultiValueCountMatchSpy spy(schema::slot_facet_person, FacetKind::list);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query("all"));
    enquire.add_matchspy(&spy);
    enquire.get_mset(0, 10, db.get_doccount());
    EXPECT_EQ(spy.documents_seen(), 3u);
    const auto& c = spy.counts();
    EXPECT_EQ(c.size(), 3u);
    EXPECT_EQ(c.at("Theresa Walsh"), 2u);
    EXPECT_EQ(c.at("Marcus Bell"), 1u);
    EXPECT_EQ(c.at("Ana Ruiz"), 1u);
}

TEST(FacetsTest, CollectorTagsEntitiesAndOrder) {
    std::vector<Document> docs;
    docs.push_back(doc_with({{EntityType::person, "B"}, {EntityType::person, "A"}}, {"usa", "canada"}));
    docs.push_back(doc_with({{EntityType::person, "A"}}, {"usa"}));
    docs.push_back(doc_with({{EntityType::person, "C"}}, {"mexico", "usa"}));
    docs.push_back(doc_with({{EntityType::person, "B"}}, {"canada"}));
    auto db = make_db(docs);

    FacetCollector facets({"person,places", "topics", "type"}, {"places", "topics"}, 2);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query("all"));
    facets.attach(enquire);
    enquire.get_mset(0, 1, db.get_doccount());
    const auto results = facets.results(4, true);
    ASSERT_EQ(results.size(), 4u);
    EXPECT_EQ(results[0].field, "person");
    EXPECT_TRUE(results[0].exact);
    // Size 2: the two most frequent, ties by value.
    EXPECT_EQ(results[0].values, (std::vector<FacetValue>{{"A", 2}, {"B", 2}}));
    EXPECT_EQ(results[0].distinct, 3u);
    EXPECT_EQ(results[1].field, "places");
    EXPECT_EQ(results[1].values, (std::vector<FacetValue>{{"usa", 3}, {"canada", 2}}));
    EXPECT_EQ(results[2].field, "topics");
    EXPECT_EQ(results[2].values, (std::vector<FacetValue>{{"news", 4}}));
    EXPECT_EQ(results[3].field, "type");
    EXPECT_EQ(results[3].values, (std::vector<FacetValue>{{"news", 4}}));
}

TEST(FacetsTest, OnlyMatchingDocumentsCount) {
    std::vector<Document> docs;
    for (int i = 0; i < 6; ++i) docs.push_back(doc_with({{EntityType::place, i < 3 ? "Ohio" : "Texas"}}, {}));
    docs[4].entities.clear();  // a document without the slot
    auto db = make_db(docs);
    const FacetColumnSource columns = [&db](Xapian::valueno slot, bool whole) {
        return std::make_shared<const FacetColumn>(db, slot, whole);
    };
    for (const bool use_columns : {false, true}) {  // Document::get_value, then a FacetColumn
        FacetCollector facets({"place"}, {}, 10);
        Xapian::Enquire enquire(db);
        enquire.set_query(Xapian::Query("even"));  // docs 0, 2, 4
        facets.attach(enquire, use_columns ? &columns : nullptr);
        enquire.get_mset(0, 10, db.get_doccount());
        const auto r = facets.results(3, true);
        EXPECT_EQ(as_map(r[0]), (std::map<std::string, Xapian::doccount>{{"Ohio", 2}})) << use_columns;
        // Run again on the same Enquire: the counts add up.
        enquire.get_mset(0, 10, db.get_doccount());
        EXPECT_EQ(as_map(facets.results(3, true)[0]), (std::map<std::string, Xapian::doccount>{{"Ohio", 4}}));
    }
}

TEST(FacetsTest, CounterRecyclesStorage) {
    for (int round = 0; round < 3; ++round) {
        ValueCounter c;
        for (int i = 0; i < 5000; ++i) c.add("value " + std::to_string(i % 2500));
        EXPECT_EQ(c.size(), 2500u);
        std::size_t total = 0;
        c.for_each([&](std::string_view v, Xapian::doccount n) {
            EXPECT_TRUE(v.starts_with("value "));
            total += n;
        });
        EXPECT_EQ(total, 5000u);
    }
}

TEST(FacetsTest, DateHistogramsInDateOrder) {
    std::vector<Document> docs(5, doc_with({}, {}));
    auto db = make_db(docs, {"20170213", "20161105", "20170201", "20160000", ""});
    FacetCollector facets({"month", "year"}, {}, 1);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query("all"));
    facets.attach(enquire);
    enquire.get_mset(0, 10, db.get_doccount());
    const auto r = facets.results(5, true);
    EXPECT_TRUE(r[0].date_order);
    // Every bucket, oldest first (the facet size does not cut a histogram); "2016" has no month.
    EXPECT_EQ(r[0].values, (std::vector<FacetValue>{{"2016-11", 1}, {"2017-02", 2}}));
    EXPECT_EQ(r[1].values, (std::vector<FacetValue>{{"2016", 2}, {"2017", 2}}));
}

TEST(FacetsTest, DepthGivesScaledEstimates) {
    std::vector<Document> docs(200, doc_with({{EntityType::org, "FAA"}}, {}));
    auto db = make_db(docs);
    FacetCollector facets({"org"}, {}, 10);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, Xapian::Query("all"), Xapian::Query("even")));
    facets.attach(enquire);
    const Xapian::MSet mset = enquire.get_mset(0, 10, 20);
    const auto r =
        facets.results(mset.get_matches_estimated(), mset.get_matches_lower_bound() == mset.get_matches_upper_bound());
    if (mset.get_matches_lower_bound() == 200 && r[0].exact) GTEST_SKIP() << "matcher looked at every document";
    EXPECT_FALSE(r[0].exact);
    ASSERT_EQ(r[0].values.size(), 1u);
    EXPECT_EQ(r[0].values[0].value, "FAA");
    EXPECT_NEAR(static_cast<double>(r[0].values[0].count), mset.get_matches_estimated(), 1.0);
}

TEST(FacetsTest, ColumnHoldsEachDocumentsValues) {
    std::vector<Document> docs{doc_with({{EntityType::person, "Walsh"}, {EntityType::person, "Bell"}}, {}),
                               doc_with({}, {}), doc_with({{EntityType::person, "Bell"}}, {})};
    auto db = make_db(docs);
    const FacetColumn column(db, schema::slot_facet_person, false);
    EXPECT_EQ(column.size(), 2u);  // Bell, Walsh
    const auto names = [&](Xapian::docid did) {
        std::vector<std::string_view> out;
        for (const auto ord : column.units(did)) out.push_back(column.unit(ord));
        return out;
    };
    EXPECT_EQ(names(1), (std::vector<std::string_view>{"Bell", "Walsh"}));
    EXPECT_TRUE(names(2).empty());
    EXPECT_EQ(names(3), (std::vector<std::string_view>{"Bell"}));
    EXPECT_TRUE(names(0).empty());
    EXPECT_TRUE(names(99).empty());  // past the last document
}

TEST(FacetsTest, CountPassAgreesWithEveryWayOfReading) {
    // The boolean counting pass with columns, with Xapian's built-in spy (remote databases), and a
    // spy riding along a weighted search must give the same exact counts.
    std::vector<Document> docs;
    for (int i = 0; i < 40; ++i)
        docs.push_back(doc_with({{EntityType::org, i % 3 == 0 ? "FAA" : "NTSB"}, {EntityType::place, "Ohio"}},
                                i % 4 == 0 ? std::vector<std::string>{"usa", "uk"} : std::vector<std::string>{"usa"}));
    std::vector<std::string> dates;
    for (int i = 0; i < 40; ++i) dates.push_back(i % 2 ? "20170213" : "20161105");
    auto db = make_db(docs, dates);
    const FacetColumnSource columns = [&db](Xapian::valueno slot, bool whole) {
        return std::make_shared<const FacetColumn>(db, slot, whole);
    };
    const std::vector<std::string> fields{"org,place,places,month"};
    std::vector<std::vector<FacetResult>> results;
    for (int way = 0; way < 3; ++way) {
        FacetCollector facets(fields, {"places", "topics"}, 10);
        Xapian::doccount matches = 0;
        if (way < 2) {
            matches = facets.count(db, Xapian::Query("even"), way == 0 ? &columns : nullptr);
        } else {
            Xapian::Enquire enquire(db);
            enquire.set_query(Xapian::Query("even"));
            facets.attach(enquire);
            matches = enquire.get_mset(0, 10, db.get_doccount()).get_matches_estimated();
        }
        EXPECT_EQ(matches, 20u) << way;
        results.push_back(facets.results(matches, true));
    }
    ASSERT_EQ(results[0].size(), 4u);
    EXPECT_EQ(as_map(results[0][0]), (std::map<std::string, Xapian::doccount>{{"FAA", 7}, {"NTSB", 13}}));
    EXPECT_EQ(as_map(results[0][2]), (std::map<std::string, Xapian::doccount>{{"uk", 10}, {"usa", 20}}));
    EXPECT_EQ(results[0][3].values, (std::vector<FacetValue>{{"2016-11", 20}}));
    for (int way = 1; way < 3; ++way)
        for (std::size_t f = 0; f < 4; ++f) EXPECT_EQ(results[way][f].values, results[0][f].values) << way << f;
}

TEST(FacetsTest, UnknownFieldIsUsageError) {
    EXPECT_THROW(FacetCollector({"nosuch"}, {"places"}, 10), UsageError);
    EXPECT_NO_THROW(FacetCollector({"PLACES"}, {"places"}, 10));
}

TEST(FacetsTest, SpySerialisesAndMergesResults) {
    MultiValueCountMatchSpy a(schema::slot_facet_tags, FacetKind::tags, {"topics", "places"});
    std::unique_ptr<Xapian::MatchSpy> b(a.unserialise(a.serialise(), Xapian::Registry()));
    EXPECT_EQ(b->name(), a.name());
    EXPECT_EQ(b->serialise(), a.serialise());

    std::vector<Document> docs{doc_with({}, {"usa"}), doc_with({}, {"usa", "uk"})};
    auto db = make_db(docs);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query("all"));
    enquire.add_matchspy(&a);
    enquire.get_mset(0, 10, 10);
    MultiValueCountMatchSpy merged(schema::slot_facet_tags, FacetKind::tags);
    merged.merge_results(a.serialise_results());
    merged.merge_results(a.serialise_results());
    EXPECT_EQ(merged.documents_seen(), 4u);
    EXPECT_EQ(merged.counts().at(tag_facet_entry("places", "usa")), 4u);
    EXPECT_EQ(merged.counts().at(tag_facet_entry("places", "uk")), 2u);
    EXPECT_EQ(merged.counts().at(tag_facet_entry("topics", "news")), 4u);
}

}  // namespace
}  // namespace newsdex
