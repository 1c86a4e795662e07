// The retrieval index over the demo store's knowledge: BM25 with title weighting, the trigram
// signal for misspellings, Hinglish questions, injection-proof queries and tenant isolation.
#include "TestDatabases.h"
#include "TestSupport.h"
#include "demo/DemoStoreLoader.h"
#include "knowledge/BeirEvaluation.h"
#include "knowledge/GroundedAnswer.h"
#include "knowledge/KnowledgeIndex.h"
#include "knowledge/QueryNormalizer.h"
#include "knowledge/VectorIndex.h"
#include "knowledge/Vocabulary.h"
#include "storage/Store.h"

#include <QRandomGenerator>
#include <QTest>

#include <cmath>

using namespace shopdesk;

class TestKnowledgeIndex : public QObject
{
    Q_OBJECT

    std::unique_ptr<test::TestDatabases> m_dbs;
    std::unique_ptr<Store> m_store;
    std::unique_ptr<KnowledgeIndex> m_index;
    qint64 m_tenant = 0;

    QList<SearchHit> search(const QString &query, qint64 tenant = 0)
    {
        auto hits = m_index->search(tenant ? tenant : m_tenant, query, 5);
        if (!hits)
            qWarning() << hits.error();
        return hits ? hits.value() : QList<SearchHit>();
    }

    // The store's enabled passages into the index, as the retriever does.
    Result<int> indexTenant(qint64 tenantId)
    {
        auto passages = m_store->knowledge().passages(tenantId);
        if (!passages)
            return Result<int>::failure(passages.error());
        QList<IndexedChunk> chunks;
        for (const KnowledgePassage &p : std::as_const(passages.value()))
            chunks.append({p.chunkId, tenantId, p.documentId, p.title, p.heading, p.text});
        if (auto replaced = m_index->replaceTenant(tenantId, chunks); !replaced)
            return Result<int>::failure(replaced.error());
        return int(chunks.size());
    }

private Q_SLOTS:
    void initTestCase()
    {
        m_dbs = std::make_unique<test::TestDatabases>(QStringLiteral("sqlite"));
        auto opened = Store::open(m_dbs->fresh());
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        m_store = std::move(opened).value();
        auto demo = DemoStoreLoader::load(*m_store);
        QVERIFY2(demo.ok(), qPrintable(demo.error()));
        SD_TAKE(tenant, m_store->tenants().tenantBySlug(demo->slug));
        m_tenant = tenant.id;
        auto index = KnowledgeIndex::open();
        QVERIFY2(index.ok(), qPrintable(index.error()));
        m_index = std::move(index).value();
        SD_TAKE(indexed, indexTenant(m_tenant));
        QVERIFY(indexed > 10);
        SD_TAKE(count, m_index->count(m_tenant));
        QCOMPARE(count, qint64(indexed));
    }

    void wordsMatchWithBm25()
    {
        const auto hits = search(QStringLiteral("delivery charges"));
        QVERIFY(!hits.isEmpty());
        QVERIFY2(hits.first().chunk.heading.contains(QLatin1String("Delivery charges")),
                 qPrintable(hits.first().chunk.heading));
        QVERIFY(hits.first().signalNames().contains(QStringLiteral("bm25")));
        // Stemming: "charge" finds "charges".
        QVERIFY(search(QStringLiteral("delivery charge"))
                    .first()
                    .chunk.heading.contains(QLatin1String("Delivery charges")));
    }

    void misspellingsMeetTheirWords()
    {
        for (const QString &typo :
             {QStringLiteral("dilivery"), QStringLiteral("delivry charjes")}) {
            const auto hits = search(typo);
            QVERIFY2(!hits.isEmpty(), qPrintable(typo));
            QCOMPARE(hits.first().chunk.title, QStringLiteral("Home delivery"));
            QVERIFY(hits.first().signalNames().contains(QStringLiteral("fuzzy")));
        }
        // A word like nothing in any passage finds nothing.
        QVERIFY(search(QStringLiteral("xqzwv")).isEmpty());
    }

    void hinglishQuestions()
    {
        const auto hits = search(QStringLiteral("kya aap card lete ho"));
        QVERIFY(!hits.isEmpty());
        QCOMPARE(hits.first().chunk.title, QStringLiteral("Payments"));
        QCOMPARE(search(QStringLiteral("sunday ko kab khulte ho")).first().chunk.title,
                 QStringLiteral("Hours and location"));
    }

    void transliterationAndSynonyms()
    {
        QCOMPARE(QueryNormalizer::transliterate(QStringLiteral("दूध")), QStringLiteral("dudha"));
        QCOMPARE(QueryNormalizer::transliterate(QStringLiteral("2 milk aur 1 bread")),
                 QStringLiteral("2 milk aur 1 bread"));
        const auto synonyms = QueryNormalizer::parseSynonyms(
            QStringLiteral("doodh = dudh = दूध = milk\nwapas, vapasa, return\n\nlonely\n"));
        QVERIFY(synonyms.value(QStringLiteral("dudha")).contains(QStringLiteral("milk")));
        QVERIFY(synonyms.value(QStringLiteral("milk")).contains(QStringLiteral("doodh")));
        QVERIFY(!synonyms.contains(QStringLiteral("lonely"))); // a group needs two words
        const QueryNormalizer normalizer(synonyms);
        const QString expanded = normalizer.normalize(QStringLiteral("दूध वापस"));
        QVERIFY2(expanded.contains(QLatin1String("milk")) &&
                     expanded.contains(QLatin1String("return")),
                 qPrintable(expanded));

        // Without them a Devanagari question finds nothing here; with them, the returns rule
        // about milk.
        QVERIFY(search(QStringLiteral("दूध वापस")).isEmpty());
        const auto hits = search(normalizer.normalize(QStringLiteral("दूध वापस")));
        QVERIFY(!hits.isEmpty());
        QCOMPARE(hits.first().chunk.title, QStringLiteral("Returns and refunds"));
        QVERIFY(hits.first().chunk.text.contains(QLatin1String("milk")));
    }

    void spellingsThatSoundAlikeMeet()
    {
        const QString delivery = KnowledgeIndex::soundKey(QStringLiteral("delivery"));
        QCOMPARE(delivery, QStringLiteral("dlvr"));
        for (const char *w : {"dilivery", "delevery", "dilivari", "delivry", "Delivery"})
            QCOMPARE(KnowledgeIndex::soundKey(QString::fromLatin1(w)), delivery);
        QCOMPARE(KnowledgeIndex::soundKey(QStringLiteral("charges")),
                 KnowledgeIndex::soundKey(QStringLiteral("carja"))); // from चार्ज
        QCOMPARE(KnowledgeIndex::soundKey(QStringLiteral("sabzi")),
                 KnowledgeIndex::soundKey(QStringLiteral("subji")));
        QVERIFY(KnowledgeIndex::soundKey(QStringLiteral("bread")) !=
                KnowledgeIndex::soundKey(QStringLiteral("butter")));
        // A Devanagari question, transliterated, finds the passage by sound and is answered.
        const QString question = QueryNormalizer::transliterate(QStringLiteral("डिलीवरी चार्ज"));
        const auto hits = search(question);
        QVERIFY(!hits.isEmpty());
        QVERIFY2(hits.first().chunk.heading.contains(QLatin1String("Delivery charges")),
                 qPrintable(hits.first().chunk.heading));
        QVERIFY(hits.first().signalNames().contains(QStringLiteral("sound")));
        const GroundedAnswer answer = GroundedAnswer::from(question, hits);
        QVERIFY2(!answer.escalate, qPrintable(answer.reason));
    }

    void commonWordsNeverPickTheCandidates()
    {
        const auto frequency = [](const QString &w) {
            return w == QLatin1String("rs") || w == QLatin1String("oil")
                       ? KnowledgeIndex::kCommonDocs + 1
                       : 3;
        };
        bool onlyCommon = true;
        QCOMPARE(KnowledgeIndex::matchExpression({QStringLiteral("mustard"), QStringLiteral("oil")},
                                                 frequency, &onlyCommon),
                 QStringLiteral("(\"mustard\") AND (\"mustard\" OR \"oil\")"));
        QVERIFY(!onlyCommon);
        QCOMPARE(KnowledgeIndex::matchExpression({QStringLiteral("oil"), QStringLiteral("rs")},
                                                 frequency, &onlyCommon),
                 QStringLiteral("\"oil\" OR \"rs\""));
        QVERIFY(onlyCommon); // scored over a capped number of passages
        QCOMPARE(KnowledgeIndex::matchExpression({}, frequency, &onlyCommon), QString());

        // With more passages than the cap holding one word, a question of only that word still
        // answers, and a rare word beside it decides.
        QList<IndexedChunk> many;
        for (int i = 1; i <= KnowledgeIndex::kCommonDocs + 50; ++i)
            many.append({i, 77, 1, QStringLiteral("Shelf"), QStringLiteral("Oils"),
                         QStringLiteral("Sunflower oil, 1 L pouch number %1.").arg(i)});
        many.append({5000, 77, 1, QStringLiteral("Shelf"), QStringLiteral("Oils"),
                     QStringLiteral("Kachi ghani mustard oil, 1 L bottle.")});
        SD_VERIFY_OK(m_index->replaceTenant(77, many));
        SD_TAKE(common, m_index->search(77, QStringLiteral("oil"), 5));
        QCOMPARE(common.size(), 5);
        SD_TAKE(rare, m_index->search(77, QStringLiteral("mustard oil"), 5));
        QCOMPARE(rare.first().chunk.chunkId, qint64(5000));
    }

    void misspellingsAreCorrectedFromTheVocabulary()
    {
        Vocabulary v;
        v.addPassage(QStringLiteral("Delivery charges are Rs 30; delivery is free above Rs 499."));
        v.addPassage(QStringLiteral("Paneer and curd arrive every morning."));
        v.finish();
        QCOMPARE(v.documentFrequency(QStringLiteral("delivery")), 1);
        QCOMPARE(v.corrections(QStringLiteral("delivry")), QStringList{QStringLiteral("delivery")});
        QCOMPARE(v.corrections(QStringLiteral("dleivery")),
                 QStringList{QStringLiteral("delivery")});
        QCOMPARE(v.corrections(QStringLiteral("paner")), QStringList{QStringLiteral("paneer")});
        QVERIFY(v.corrections(QStringLiteral("xylophone")).isEmpty());
        QCOMPARE(v.soundsLike(QStringLiteral("dilivari")), QStringList{QStringLiteral("delivery")});
        QCOMPARE(Vocabulary::editDistance(QStringLiteral("abcd"), QStringLiteral("abdc"), 2), 1);
        QCOMPARE(Vocabulary::editDistance(QStringLiteral("kitten"), QStringLiteral("sitting"), 5),
                 3);
        QCOMPARE(Vocabulary::editDistance(QStringLiteral("kitten"), QStringLiteral("sitting"), 1),
                 2);
    }

    void nearestVectorsExactlyOrThroughTheGraph()
    {
        QRandomGenerator random(7);
        for (int n : {300, VectorIndex::kExactBelow + 1000}) {
            QList<QPair<qint64, QVector<float>>> vectors;
            for (int i = 0; i < n; ++i) {
                QVector<float> v(32);
                for (float &x : v)
                    x = float(random.generateDouble() - 0.5);
                vectors.append({i + 1, v});
            }
            vectors.append({999999, QVector<float>(16, 1.0f)}); // another length: skipped
            VectorIndex index;
            index.build(vectors);
            QCOMPARE(index.size(), n);
            QCOMPARE(index.usesGraph(), n >= VectorIndex::kExactBelow);
            int found = 0;
            for (int probe = 0; probe < 50; ++probe) {
                const auto &[id, v] = vectors.at(random.bounded(n));
                QVector<float> scaled = v; // the same direction, another length
                for (float &x : scaled)
                    x *= 3.0f;
                const auto nearest = index.search(scaled, 3);
                QCOMPARE(nearest.size(), 3);
                QVERIFY(nearest.at(0).second >= nearest.at(1).second);
                if (nearest.first().first == id && qAbs(nearest.first().second - 1.0) < 1e-4)
                    ++found;
            }
            QVERIFY2(found >= (index.usesGraph() ? 48 : 50), qPrintable(QString::number(found)));
            QVERIFY(index.search(QVector<float>(8, 1.0f), 3).isEmpty()); // wrong length
        }
        const QVector<float> v{1.5f, -2.0f, 0.25f};
        QCOMPARE(VectorIndex::unpack(VectorIndex::pack(v)), v);
        QVERIFY(VectorIndex::unpack(QByteArray("abc")).isEmpty());
    }

    void evaluationMetricsMatchBeir()
    {
        const QHash<QString, int> judged{{QStringLiteral("a"), 1}, {QStringLiteral("c"), 2}};
        const QStringList ranked{QStringLiteral("a"), QStringLiteral("b"), QStringLiteral("c")};
        // DCG = 1/log2(2) + 2/log2(4) = 2; ideal = 2/log2(2) + 1/log2(3).
        QVERIFY(qFuzzyCompare(BeirEvaluation::ndcgAt(ranked, judged, 10),
                              2.0 / (2.0 + 1.0 / std::log2(3.0))));
        QCOMPARE(BeirEvaluation::recallAt(ranked, judged, 2), 0.5);
        QCOMPARE(BeirEvaluation::recallAt(ranked, judged, 3), 1.0);
        QCOMPARE(BeirEvaluation::mrrAt({QStringLiteral("b"), QStringLiteral("c")}, judged, 10),
                 0.5);
        QCOMPARE(BeirEvaluation::mrrAt({QStringLiteral("b")}, judged, 10), 0.0);
        QCOMPARE(BeirEvaluation::ndcgAt({}, judged, 10), 0.0);
    }

    void groundedAnswersOrAHandover_data()
    {
        QTest::addColumn<QString>("question");
        QTest::addColumn<bool>("escalate");
        QTest::addColumn<QString>("mustSay");
        QTest::newRow("charges") << QStringLiteral("delivery charges") << false
                                 << QStringLiteral("Rs 30");
        QTest::newRow("hinglish") << QStringLiteral("delivery kitne ka hai") << false
                                  << QStringLiteral("Rs 30");
        QTest::newRow("sunday") << QStringLiteral("what time do you open on sunday") << false
                                << QStringLiteral("Sunday from 8:00 am");
        QTest::newRow("not sold") << QStringLiteral("do you sell laptops") << true << QString();
        QTest::newRow("unknown") << QStringLiteral("iphone repair") << true << QString();
    }
    void groundedAnswersOrAHandover()
    {
        QFETCH(QString, question);
        QFETCH(bool, escalate);
        QFETCH(QString, mustSay);
        const GroundedAnswer a = GroundedAnswer::from(question, search(question));
        QCOMPARE(a.escalate, escalate);
        QVERIFY(a.confidence >= 0 && a.confidence <= 1);
        QVERIFY(!a.reason.isEmpty());
        if (escalate) {
            QVERIFY(a.text.isEmpty());
            QVERIFY(a.confidence < GroundedAnswer::kDefaultThreshold);
        } else {
            QVERIFY2(a.text.contains(mustSay), qPrintable(a.text));
            // Grounded: every word of the answer comes from the passage it cites.
            const auto hits = search(question);
            QVERIFY(hits.first().chunk.text.contains(a.text.left(30)));
        }
    }

    void queriesCannotInjectOperators()
    {
        for (const QString &q : {QStringLiteral("NEAR(\"a\" b) OR *"), QStringLiteral("\"\"\""),
                                 QStringLiteral("title:delivery"), QStringLiteral("^-+")}) {
            auto hits = m_index->search(m_tenant, q, 5);
            QVERIFY2(hits.ok(), qPrintable(q + QStringLiteral(": ") + hits.error()));
        }
        QVERIFY(search(QString()).isEmpty());
    }

    void storesNeverSeeEachOthersKnowledge()
    {
        SD_TAKE(other, m_store->tenants().addTenant(QStringLiteral("other-shop"),
                                                    QStringLiteral("Other")));
        KnowledgeDocument doc;
        doc.title = QStringLiteral("Other shop delivery");
        doc.sourceName = QStringLiteral("other.md");
        KnowledgeChunk chunk;
        chunk.heading = QStringLiteral("Delivery");
        chunk.text = QStringLiteral("We deliver by bicycle, free of charge, to Karol Bagh only.");
        SD_VERIFY_OK(m_store->knowledge().putDocument(other.id, doc, {chunk}));
        SD_TAKE(indexed, indexTenant(other.id));
        QCOMPARE(indexed, 1);
        for (const SearchHit &h : search(QStringLiteral("delivery bicycle"), other.id))
            QCOMPARE(h.chunk.tenantId, other.id);
        QCOMPARE(search(QStringLiteral("delivery bicycle"), other.id).size(), 1);
        for (const SearchHit &h : search(QStringLiteral("bicycle karol bagh")))
            QVERIFY2(!h.chunk.text.contains(QLatin1String("bicycle")), "another store's passage");
        // Re-indexing a store replaces its passages, and only its own.
        SD_VERIFY_OK(m_index->replaceTenant(other.id, {}));
        QVERIFY(search(QStringLiteral("bicycle"), other.id).isEmpty());
        QVERIFY(!search(QStringLiteral("delivery")).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestKnowledgeIndex)
#include "tst_knowledge_index.moc"
