// The worker owns the connection on its own thread; callers get plain values back on theirs.
#include "TestDatabases.h"
#include "storage/StoreWorker.h"

#include <QHash>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace shopdesk;

class StoreWorkerTest : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void jobsRunOnTheWorkerThreadAndAnswerOnTheCallers()
    {
        test::TestDatabases dbs;
        StoreWorker worker(dbs.fresh());
        QSignalSpy ready(&worker, &StoreWorker::ready);
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 10000);
        QVERIFY(worker.isOpen());

        QThread *jobThread = nullptr;
        QThread *answerThread = nullptr;
        qint64 tenantId = 0;
        worker.run(
            this,
            [&](Store &store) {
                jobThread = QThread::currentThread();
                return store.tenants().addTenant(QStringLiteral("t1"), QStringLiteral("T1"));
            },
            [&](Result<Tenant> result) {
                answerThread = QThread::currentThread();
                tenantId = result ? result->id : -1;
            });
        QTRY_VERIFY(tenantId != 0);
        QVERIFY(tenantId > 0);
        QVERIFY(jobThread != nullptr);
        QVERIFY(jobThread != QThread::currentThread());
        QCOMPARE(jobThread->objectName(), QStringLiteral("shopdesk-db"));
        QCOMPARE(answerThread, QThread::currentThread());
    }

    // A webhook's recording does not wait behind bot work already queued: urgent jobs are
    // served before every normal one waiting, in order among themselves.
    void urgentJobsOvertakeTheQueue()
    {
        test::TestDatabases dbs;
        StoreWorker worker(dbs.fresh());
        QSignalSpy ready(&worker, &StoreWorker::ready);
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 10000);
        QSemaphore release;
        QStringList order; // written on the worker thread only, read after the last answer
        worker.run(
            this,
            [&](Store &) {
                release.acquire(); // the thread is busy while the queue fills
                return Status(Done{});
            },
            [](Status) {});
        int answered = 0;
        const auto job = [&](const QString &name, StoreWorker::Priority p) {
            worker.run(
                this,
                [&order, name](Store &) {
                    order << name;
                    return Status(Done{});
                },
                [&answered](Status) { ++answered; }, p);
        };
        for (int i = 0; i < 5; ++i)
            job(QStringLiteral("bot%1").arg(i), StoreWorker::Priority::Normal);
        job(QStringLiteral("webhook1"), StoreWorker::Priority::Urgent);
        job(QStringLiteral("webhook2"), StoreWorker::Priority::Urgent);
        release.release();
        QTRY_COMPARE_WITH_TIMEOUT(answered, 7, 10000);
        QCOMPARE(order, (QStringList{QStringLiteral("webhook1"), QStringLiteral("webhook2"),
                                     QStringLiteral("bot0"), QStringLiteral("bot1"),
                                     QStringLiteral("bot2"), QStringLiteral("bot3"),
                                     QStringLiteral("bot4")}));
    }

    // Jobs queued together: on PostgreSQL they share one commit (one flush to disk), yet each
    // is all or nothing and answers for itself; signals go out only for what was committed.
    void jobsQueuedTogetherCommitTogetherEachAllOrNothing()
    {
        test::TestDatabases dbs;
        const bool pg = dbs.postgresWanted();
        StoreWorker worker(dbs.fresh());
        QSignalSpy ready(&worker, &StoreWorker::ready);
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 10000);
        qint64 tenant = 0;
        worker.run(
            this,
            [](Store &store) {
                return store.tenants().addTenant(QStringLiteral("t1"), QStringLiteral("T1"));
            },
            [&tenant](Result<Tenant> t) { tenant = t ? t->id : -1; });
        QTRY_VERIFY(tenant != 0);
        QVERIFY(tenant > 0);
        QSignalSpy settings(&worker, &StoreWorker::settingsChanged);

        QSemaphore release;
        worker.run(
            this,
            [&release](Store &) {
                release.acquire(); // the queue fills behind this job
                return Status(Done{});
            },
            [](Status) {});
        QHash<QString, QString> answers; // job -> "ok" or its error
        QHash<QString, QString> transactionIds;
        const auto job = [&](const QString &name, auto work) {
            worker.run(
                this,
                [&transactionIds, name, work, pg](Store &store) -> Status {
                    if (pg)
                        transactionIds.insert(
                            name, store.backend()
                                      .query(QStringLiteral("SELECT txid_current()::text"))
                                      .first()
                                      .first()
                                      .toString());
                    return work(store);
                },
                [&answers, name](Status r) {
                    answers.insert(name, r ? QStringLiteral("ok") : r.error());
                });
        };
        const auto set = [tenant](Store &store, const QString &key) {
            return store.tenants().setSetting(tenant, key, QStringLiteral("1"));
        };
        job(QStringLiteral("a"), [&](Store &store) { return set(store, QStringLiteral("a")); });
        job(QStringLiteral("b"), [&](Store &store) {
            return store.transact([&]() -> Status {
                if (auto s = set(store, QStringLiteral("b")); !s)
                    return s;
                return Status::failure(QStringLiteral("the customer changed their mind"));
            });
        });
        // A statement that fails outside a transaction of the job's own, and the job goes on.
        job(QStringLiteral("c"), [&](Store &store) -> Status {
            if (auto s = set(store, QStringLiteral("c")); !s)
                return s;
            auto broken = store.tenants().setSetting(-1, QStringLiteral("c2"), QString());
            Q_UNUSED(broken); // refused: no such store
            return Done{};
        });
        job(QStringLiteral("d"), [&](Store &store) { return set(store, QStringLiteral("d")); });
        release.release();
        QTRY_COMPARE_WITH_TIMEOUT(answers.size(), 4, 10000);

        QCOMPARE(answers.value(QStringLiteral("a")), QStringLiteral("ok"));
        QCOMPARE(answers.value(QStringLiteral("b")),
                 QStringLiteral("the customer changed their mind"));
        QCOMPARE(answers.value(QStringLiteral("d")), QStringLiteral("ok"));
        QMap<QString, QString> saved;
        worker.run(
            this, [tenant](Store &store) { return store.tenants().settings(tenant); },
            [&saved](Result<QMap<QString, QString>> r) {
                saved =
                    r ? r.value() : QMap<QString, QString>{{QStringLiteral("error"), r.error()}};
                saved.insert(QStringLiteral("read"), QString());
            });
        QTRY_VERIFY(saved.contains(QStringLiteral("read")));
        QVERIFY(saved.contains(QStringLiteral("a")));
        QVERIFY(!saved.contains(QStringLiteral("b")));
        QVERIFY(saved.contains(QStringLiteral("d")));
        if (pg) {
            // One commit for the whole queue, and the job whose statement failed is undone
            // whole and told so, instead of leaving the shared transaction unusable.
            QCOMPARE(transactionIds.value(QStringLiteral("a")),
                     transactionIds.value(QStringLiteral("d")));
            QVERIFY(answers.value(QStringLiteral("c")) != QStringLiteral("ok"));
            QVERIFY(!saved.contains(QStringLiteral("c")));
            QCOMPARE(settings.size(), 2); // a and d
        } else {
            QCOMPARE(answers.value(QStringLiteral("c")), QStringLiteral("ok"));
            QVERIFY(saved.contains(QStringLiteral("c")));
            QCOMPARE(settings.size(), 3);
        }
    }

    void storeSignalsReachSubscribersOnTheirThread()
    {
        test::TestDatabases dbs;
        StoreWorker worker(dbs.fresh());
        worker.start();
        QSignalSpy tenants(&worker, &StoreWorker::tenantsChanged);
        QSignalSpy appended(&worker, &StoreWorker::messagesAppended);
        worker.run(
            this,
            [](Store &store) -> Result<Message> {
                auto t = store.tenants().addTenant(QStringLiteral("t1"), QStringLiteral("T1"));
                auto contact = store.conversations().upsertContact(t->id, QStringLiteral("9190000"),
                                                                   QString());
                auto c = store.conversations().openConversation(t->id, contact->id);
                Message m;
                m.conversationId = c->id;
                m.body = QStringLiteral("hello");
                return store.conversations().appendMessage(t->id, m);
            },
            [](Result<Message>) {});
        QTRY_COMPARE(appended.size(), 1);
        QCOMPARE(tenants.size(), 1);
        QCOMPARE(appended[0][2].value<QList<Message>>().first().body, QStringLiteral("hello"));
    }

    void answersForAGoneReceiverAreDropped()
    {
        test::TestDatabases dbs;
        StoreWorker worker(dbs.fresh());
        worker.start();
        bool called = false;
        auto *receiver = new QObject;
        worker.run(
            receiver, [](Store &store) { return store.tenants().tenants(); },
            [&called](Result<QList<Tenant>>) { called = true; });
        delete receiver;
        // A later job on a live receiver proves the first one has finished too.
        bool later = false;
        worker.run(
            this, [](Store &store) { return store.tenants().tenants(); },
            [&later](Result<QList<Tenant>>) { later = true; });
        QTRY_VERIFY(later);
        QVERIFY(!called);
    }

    void aBrokenDatabaseIsReportedInWords()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("not-a-database.sqlite3"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(4096, 'x'));
        f.close();
        StoreWorker worker(DatabaseUrl::sqliteFile(path));
        QSignalSpy failed(&worker, &StoreWorker::failed);
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
        const QString message = failed.first().first().toString();
        QVERIFY2(message.contains(path), qPrintable(message));
        QVERIFY(!worker.isOpen());
        // Jobs get the same reason instead of hanging.
        QString error;
        worker.run(
            this, [](Store &store) { return store.tenants().tenants(); },
            [&error](Result<QList<Tenant>> r) { error = r ? QStringLiteral("ok") : r.error(); });
        QTRY_VERIFY(!error.isEmpty());
        QCOMPARE(error, message);
        // Nothing was lost: the file is untouched.
        QCOMPARE(QFileInfo(path).size(), 4096);
    }

    void afterCloseJobsAreAnsweredNotQueued()
    {
        test::TestDatabases dbs;
        StoreWorker worker(dbs.fresh());
        QSignalSpy ready(&worker, &StoreWorker::ready);
        worker.start();
        QTRY_COMPARE_WITH_TIMEOUT(ready.size(), 1, 10000);
        worker.close();
        QString error;
        worker.run(
            this, [](Store &store) { return store.tenants().tenants(); },
            [&error](Result<QList<Tenant>> r) { error = r ? QStringLiteral("ok") : r.error(); });
        QTRY_VERIFY(!error.isEmpty());
        QVERIFY(error.contains(QLatin1String("stopped")));
    }
};

QTEST_GUILESS_MAIN(StoreWorkerTest)
#include "tst_store_worker.moc"
