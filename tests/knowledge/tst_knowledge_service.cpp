// The knowledge pipeline as the bot runs it, on SQLite and PostgreSQL: the node's kept index
// follows the store's knowledge revision (edits, disabled passages, deletions); retrieval is
// scoped by store; vectors from an OpenAI-compatible embeddings server (faked on 127.0.0.1) add a
// signal that finds meaning without shared words; a model's answer is sent only when its
// citations check out; personal data is masked before it leaves; every retrieval is logged.
#include "EngineHarness.h"
#include "FakeModelServer.h"
#include "TestSupport.h"
#include "demo/DemoStoreLoader.h"
#include "knowledge/KnowledgeRetriever.h"
#include "knowledge/KnowledgeService.h"
#include "knowledge/KnowledgeSettings.h"

#include <QSignalSpy>
#include <QTest>

using namespace shopdesk;
using namespace shopdesk::test;

class TestKnowledgeService : public QObject
{
    Q_OBJECT

    std::unique_ptr<EngineHarness> m_h;
    qint64 m_tenant = 0;

    KnowledgeService::Reply ask(const QString &question, const QStringList &names = {})
    {
        std::optional<Result<KnowledgeService::Reply>> out;
        KnowledgeService::Request r;
        r.tenantId = m_tenant;
        r.question = question;
        r.source = QStringLiteral("test");
        r.names = names;
        m_h->engine().knowledge().ask(
            r, this, [&](Result<KnowledgeService::Reply> reply) { out.emplace(std::move(reply)); });
        if (!QTest::qWaitFor([&] { return out.has_value(); }, 20000)) {
            qWarning("no answer");
            return {};
        }
        if (!out->ok())
            qWarning("%s", qPrintable(out->error()));
        return out->ok() ? out->value() : KnowledgeService::Reply{};
    }

    void setSetting(const QString &key, const QString &value)
    {
        const qint64 t = m_tenant;
        auto set = m_h->run([=](Store &s) { return s.tenants().setSetting(t, key, value); });
        QVERIFY2(set.ok(), qPrintable(set.error()));
    }

    // Retrieval on the database thread with a retriever of the test's own.
    Result<KnowledgeRetriever::Retrieval> retrieve(KnowledgeRetriever *retriever, qint64 tenant,
                                                   const QString &q)
    {
        return m_h->run([=](Store &s) { return retriever->retrieve(s, tenant, q, QString()); });
    }
    void close(const std::shared_ptr<KnowledgeRetriever> &retriever)
    {
        const Status closed = m_h->run([=](Store &) {
            retriever->close();
            return success();
        });
        if (!closed)
            qWarning("%s", qPrintable(closed.error()));
    }

private Q_SLOTS:
    void init()
    {
        m_h = std::make_unique<EngineHarness>();
        QVERIFY(m_h->start());
        auto demo = m_h->run([](Store &s) { return DemoStoreLoader::load(s); });
        QVERIFY2(demo.ok(), qPrintable(demo.error()));
        const QString slug = demo->slug;
        auto tenant = m_h->run([slug](Store &s) { return s.tenants().tenantBySlug(slug); });
        QVERIFY(tenant.ok());
        m_tenant = tenant->id;
    }
    void cleanup() { m_h.reset(); }

    void theKeptIndexFollowsTheKnowledgeRevision()
    {
        auto retriever = std::make_shared<KnowledgeRetriever>();
        SD_TAKE(first, retrieve(retriever.get(), m_tenant, QStringLiteral("delivery charges")));
        QVERIFY(first.rebuilt);
        QVERIFY(!first.hits.isEmpty());
        SD_TAKE(again, retrieve(retriever.get(), m_tenant, QStringLiteral("delivery charges")));
        QVERIFY2(!again.rebuilt, "an unchanged store must not be re-indexed");
        const KnowledgeChunk top{again.hits.first().chunk.chunkId};

        // An edit moves the revision: the next question sees the new text.
        const qint64 t = m_tenant;
        const qint64 chunkId = top.id;
        SD_VERIFY_OK(m_h->run([=](Store &s) {
            return s.knowledge().updateChunk(
                t, chunkId, QStringLiteral("Delivery charges: a flat Rs 35 per order, zanzibar."),
                true);
        }));
        SD_TAKE(edited, retrieve(retriever.get(), m_tenant, QStringLiteral("zanzibar")));
        QVERIFY(edited.rebuilt);
        QCOMPARE(edited.hits.size(), 1);
        QCOMPARE(edited.hits.first().chunk.chunkId, chunkId);

        // Turned off, the passage is not used; turned on, it is back.
        SD_VERIFY_OK(m_h->run([=](Store &s) {
            return s.knowledge().updateChunk(
                t, chunkId, QStringLiteral("Delivery charges: a flat Rs 35 per order, zanzibar."),
                false);
        }));
        SD_TAKE(off, retrieve(retriever.get(), m_tenant, QStringLiteral("zanzibar")));
        QVERIFY(off.hits.isEmpty());
        auto empty = m_h->run([=](Store &s) {
            return s.knowledge().updateChunk(t, chunkId, QStringLiteral(" "), true);
        });
        QVERIFY(!empty.ok());
        QVERIFY(empty.error().contains(QLatin1String("cannot be empty")));

        // A deleted document takes its passages with it.
        SD_TAKE(docs, m_h->run([=](Store &s) { return s.knowledge().documents(t); }));
        qint64 payments = 0;
        for (const KnowledgeDocument &d : docs)
            payments = d.title == QLatin1String("Payments") ? d.id : payments;
        QVERIFY(payments > 0);
        SD_VERIFY_OK(m_h->run([=](Store &s) { return s.knowledge().deleteDocument(t, payments); }));
        SD_TAKE(gone, retrieve(retriever.get(), m_tenant, QStringLiteral("khata monthly credit")));
        for (const SearchHit &h : gone.hits)
            QVERIFY2(h.chunk.documentId != payments, qPrintable(h.chunk.heading));
        SD_TAKE(revision, m_h->run([=](Store &s) { return s.knowledge().revision(t); }));
        QVERIFY(revision >= 8); // 5 demo documents, 2 edits, 1 deletion (the refused edit: none)
        close(retriever);
    }

    void retrievalIsScopedByStore()
    {
        auto other = m_h->addTenant(QStringLiteral("other-shop"));
        KnowledgeDocument doc;
        doc.title = QStringLiteral("Other delivery");
        doc.sourceName = QStringLiteral("other.md");
        KnowledgeChunk chunk;
        chunk.heading = QStringLiteral("Delivery");
        chunk.text = QStringLiteral("We deliver by bicycle to Karol Bagh only.");
        SD_VERIFY_OK(
            m_h->run([=](Store &s) { return s.knowledge().putDocument(other, doc, {chunk}); }));
        auto retriever = std::make_shared<KnowledgeRetriever>();
        SD_TAKE(mine, retrieve(retriever.get(), m_tenant, QStringLiteral("bicycle karol bagh")));
        for (const SearchHit &h : mine.hits)
            QVERIFY2(!h.chunk.text.contains(QLatin1String("bicycle")), "another store's passage");
        SD_TAKE(theirs, retrieve(retriever.get(), other, QStringLiteral("delivery")));
        QCOMPARE(theirs.hits.size(), 1);
        QCOMPARE(theirs.hits.first().chunk.tenantId, other);
        close(retriever);
    }

    void answersAreLoggedWithTheStoresThreshold()
    {
        QSignalSpy logged(&m_h->engine().knowledge(), &KnowledgeService::retrievalLogged);
        // "sunday" is not in the passage: two words of three are covered.
        const auto reply = ask(QStringLiteral("delivery charges sunday"));
        QVERIFY2(!reply.answer.escalate, qPrintable(reply.answer.reason));
        QVERIFY(reply.answer.confidence < 0.9);
        QCOMPARE(reply.answeredBy, QStringLiteral("extractive"));
        QVERIFY(logged.wait(10000) || logged.size() > 0);
        setSetting(KnowledgeSettings::kThresholdKey, QStringLiteral("0.9"));
        const auto strict = ask(QStringLiteral("delivery charges sunday"));
        QVERIFY(strict.answer.escalate);
        QVERIFY2(strict.answer.reason.contains(QLatin1String("below 0.90")),
                 qPrintable(strict.answer.reason));
        QTRY_COMPARE(logged.size(), 2);
        const qint64 t = m_tenant;
        SD_TAKE(log, m_h->run([=](Store &s) { return s.knowledge().retrievalLog(t, 2); }));
        QCOMPARE(log.size(), 2); // the newest two: this test's
        QCOMPARE(log.first().question, QStringLiteral("delivery charges sunday"));
        QVERIFY(log.first().escalated);
        QVERIFY(!log.last().escalated);
        QCOMPARE(log.last().source, QStringLiteral("test"));
        QVERIFY(log.last().hits.contains(QLatin1String("bm25")));
        QVERIFY(!log.last().answer.isEmpty());
    }

    void vectorsFindMeaningWithoutSharedWords()
    {
        FakeModelServer model;
        QVERIFY(model.start() > 0);
        model.setKey("sk-test");
        QHash<QString, QString> concepts;
        for (const char *w : {"gpay", "upi", "google", "pay", "phonepe", "paytm", "bhim", "card",
                              "cards", "cash", "credit", "debit"})
            concepts.insert(QString::fromLatin1(w), QStringLiteral("payment"));
        model.setConcepts(concepts);
        // Without vectors (and without the demo's synonyms), "gpay" matches nothing.
        setSetting(KnowledgeSettings::kSynonymsKey, QString());
        QVERIFY(ask(QStringLiteral("gpay?")).answer.escalate);

        QSignalSpy status(&m_h->engine().knowledge(), &KnowledgeService::embeddingStatus);
        ModelEndpoint endpoint{model.baseUrl(), QStringLiteral("fake-embed"),
                               QStringLiteral("sk-test")};
        setSetting(KnowledgeSettings::kEmbeddingsKey, endpoint.toJson());
        QTRY_VERIFY_WITH_TIMEOUT(!status.isEmpty() && status.last().at(1).toString().contains(
                                                          QLatin1String("up to date")),
                                 20000);
        QVERIFY(model.count(QStringLiteral("/embeddings")) >= 1);
        QCOMPARE(model.requests().first().authorization, QByteArray("Bearer sk-test"));

        const auto reply = ask(QStringLiteral("gpay?"));
        QVERIFY(!reply.hits.isEmpty());
        QCOMPARE(reply.hits.first().chunk.heading, QStringLiteral("Payments > Ways to pay"));
        QVERIFY(reply.hits.first().signalNames().contains(QStringLiteral("vector")));
        QVERIFY(!reply.hits.first().signalNames().contains(QStringLiteral("bm25")));
        QVERIFY2(!reply.answer.escalate, qPrintable(reply.answer.reason));
        ask(QStringLiteral("gpay? my number is +91 98765 43210"));
        // The question left the machine without the phone number.
        const QString sent = model.requests()
                                 .last()
                                 .body.value(QStringLiteral("input"))
                                 .toArray()
                                 .first()
                                 .toString();
        QVERIFY2(!sent.contains(QLatin1String("98765")) && sent.contains(QLatin1String("[phone]")),
                 qPrintable(sent));

        // The endpoint failing does not stop answers: BM25 and fuzzy still run, with a note.
        model.failEmbeddings(503);
        const auto degraded = ask(QStringLiteral("delivery charges"));
        QVERIFY(!degraded.hits.isEmpty());
        QVERIFY2(degraded.notes.contains(QLatin1String("Vectors not used")),
                 qPrintable(degraded.notes));
    }

    void modelAnswersAreSentOnlyWithValidCitations()
    {
        FakeModelServer model;
        QVERIFY(model.start() > 0);
        setSetting(KnowledgeSettings::kChatKey,
                   ModelEndpoint{model.baseUrl(), QStringLiteral("fake-chat"), {}}.toJson());
        const QString question = QStringLiteral("Delivery charges kitne hai? Ravi");

        model.script({200, QStringLiteral("Delivery is Rs 30 per order [1]."), {}, 0, false});
        const auto cited = ask(question, {QStringLiteral("Ravi Kumar")});
        QCOMPARE(cited.answeredBy, QStringLiteral("model"));
        QCOMPARE(cited.answer.text, QStringLiteral("Delivery is Rs 30 per order."));
        QVERIFY(!cited.answer.escalate);
        const QJsonArray messages =
            model.requests().last().body.value(QStringLiteral("messages")).toArray();
        const QString user = messages.last().toObject().value(QStringLiteral("content")).toString();
        QVERIFY2(user.endsWith(QLatin1String("? [name]")), qPrintable(user));
        QVERIFY(messages.first()
                    .toObject()
                    .value(QStringLiteral("content"))
                    .toString()
                    .contains(QLatin1String("[1] ")));

        model.script({200, QStringLiteral("Delivery is free everywhere [7]."), {}, 0, false});
        const auto invented = ask(question);
        QCOMPARE(invented.answeredBy, QStringLiteral("extractive"));
        QVERIFY2(invented.notes.contains(QLatin1String("cited passage [7]")),
                 qPrintable(invented.notes));
        QVERIFY(!invented.answer.text.contains(QLatin1String("free everywhere")));

        model.script({200, QStringLiteral("Delivery is free everywhere."), {}, 0, false});
        QVERIFY(ask(question).notes.contains(QLatin1String("cites no passage")));

        model.script({200, QStringLiteral("NOT_IN_CONTEXT"), {}, 0, false});
        const auto declined = ask(question);
        QVERIFY(declined.answer.escalate);
        QVERIFY(declined.answer.reason.contains(QLatin1String("found no answer")));

        model.script({500, QString(), {}, 0, false});
        const auto down = ask(question);
        QCOMPARE(down.answeredBy, QStringLiteral("extractive"));
        QVERIFY(!down.answer.escalate);
        QVERIFY2(down.notes.contains(QLatin1String("answered 500")), qPrintable(down.notes));
    }
};

QTEST_GUILESS_MAIN(TestKnowledgeService)
#include "tst_knowledge_service.moc"
