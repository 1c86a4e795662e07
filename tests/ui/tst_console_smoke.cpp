// The console as a store owner meets it: first start on an empty embedded store loads the
// demo shop; every pane opens; the demo's data is there; errors come as banners.
#include "ConsoleOperator.h"
#include "ConsoleSettings.h"
#include "MainWindow.h"
#include "MessageListModel.h"
#include "dialogs/ChannelDialog.h"
#include "dialogs/KnowledgeImportDialog.h"
#include "dialogs/RetrievalLogDialog.h"
#include "dialogs/SignInDialog.h"
#include "dialogs/TestPhoneDialog.h"
#include "engine/Engine.h"
#include "messaging/OutboxSender.h"
#include "panes/ConversationView.h"
#include "panes/InboxPane.h"
#include "panes/InventoryPane.h"
#include "panes/KnowledgePane.h"
#include "panes/SettingsPane.h"
#include "widgets/BannerWidget.h"
#include "widgets/ChannelsSection.h"
#include "widgets/agent/TracePanel.h"
#include "widgets/knowledge/FaqEditor.h"
#include "widgets/knowledge/KnowledgeSettingsSection.h"
#include "widgets/knowledge/PassageEditor.h"
#include "widgets/knowledge/SynonymsEditor.h"

#include <QTableWidget>
#include <QToolButton>

#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>

using namespace shopdesk;

class ConsoleSmokeTest : public QObject
{
    Q_OBJECT

    QTemporaryDir m_home;

    static void screenshot(QWidget &w, const QString &name)
    {
        const QString dir = qEnvironmentVariable("SHOPDESK_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QDir().mkpath(dir);
        w.grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
    }

    Engine::Options embedded(const QString &name)
    {
        Engine::Options options;
        options.dataDir = m_home.filePath(name);
        QDir().mkpath(options.dataDir);
        options.database = DatabaseUrl::defaultFor(options.dataDir);
        options.loadDemoIfEmpty = true;
        options.demoHistory = false; // the recent chats only: the counts below are theirs
        options.engineThread = true; // as the console runs it
        return options;
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Keep QSettings away from the user's own console settings.
        qputenv("XDG_CONFIG_HOME", m_home.filePath(QStringLiteral("config")).toUtf8());
        QCoreApplication::setOrganizationName(QStringLiteral("ShopdeskTest"));
        QCoreApplication::setApplicationName(QStringLiteral("shopdesk-smoke"));
    }

    void firstStartShowsTheDemoStoreInEveryPane()
    {
        ConsoleSettings settings;
        Engine engine(embedded(QStringLiteral("first")));
        MainWindow window(engine, settings);
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        engine.start();
        QTRY_COMPARE_WITH_TIMEOUT(engine.state(), Engine::State::Running, 20000);

        // Inbox: the demo's 50 conversations, and the notice that the demo was loaded.
        QListView *conversations = window.inboxPane()->conversationList();
        // All 50 demo chats are loaded; the inbox opens on the open ones.
        QTRY_COMPARE_WITH_TIMEOUT(window.inboxPane()->filter()->sourceModel()->rowCount(), 50,
                                  10000);
        QTRY_VERIFY(conversations->model()->rowCount() > 0);
        QVERIFY2(window.banner()->text().contains(QLatin1String("demo store")),
                 qPrintable(window.banner()->text()));
        QCOMPARE(window.storeSwitcher()->currentText(), QStringLiteral("Sharma General Store"));

        // The first start asks who is at the console: the demo's people have no PIN, so
        // picking a name signs in.
        QTRY_VERIFY(window.consoleOperator()->dialog() &&
                    window.consoleOperator()->dialog()->isVisible());
        SignInDialog *who = window.consoleOperator()->dialog();
        auto *pick = who->findChild<QComboBox *>(QStringLiteral("operatorPick"));
        QTRY_VERIFY(pick->count() == 4); // the demo's four people
        screenshot(*who, QStringLiteral("who-is-using-this-console"));
        pick->setCurrentIndex(pick->findText(QStringLiteral("Rakesh Sharma"), Qt::MatchStartsWith));
        QVERIFY(pick->currentIndex() >= 0);
        QVERIFY(!who->findChild<QLineEdit *>(QStringLiteral("operatorSecret"))->isVisible());
        who->accept();
        QTRY_COMPARE(window.consoleOperator()->current().name, QStringLiteral("Rakesh Sharma"));
        QVERIFY(window.consoleOperator()->statusButton()->text().startsWith(
            QLatin1String("Rakesh Sharma")));
        QCOMPARE(settings.operatorName(QStringLiteral("demo")), QStringLiteral("Rakesh Sharma"));
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QVERIFY(window.statusBar()
                    ->findChild<QLabel *>(QStringLiteral("engineStatus"))
                    ->text()
                    .contains(QLatin1String("Running")));
        QVERIFY(window.statusBar()
                    ->findChild<QLabel *>(QStringLiteral("storeStatus"))
                    ->text()
                    .contains(QLatin1String("Sharma General Store")));

        // Open the newest conversation by clicking it: its messages show, bubbles and all.
        const QRect first = conversations->visualRect(conversations->model()->index(0, 0));
        QTest::mouseClick(conversations->viewport(), Qt::LeftButton, {}, first.center());
        QListView *messages = window.inboxPane()->conversationView()->messageList();
        QTRY_VERIFY(messages->model()->rowCount() > 0);
        QVERIFY(messages->isVisible());
        const QString customer = conversations->model()->index(0, 0).data().toString();
        const auto *header = window.inboxPane()->conversationView()->findChild<QLabel *>(
            QStringLiteral("conversationState"));
        QVERIFY(!header->text().isEmpty());
        const auto labels = window.inboxPane()->conversationView()->findChildren<QLabel *>();
        QVERIFY(std::any_of(labels.cbegin(), labels.cend(),
                            [&](const QLabel *l) { return l->text().startsWith(customer); }));
        screenshot(window, QStringLiteral("inbox"));

        // Search narrows the inbox.
        auto *search =
            window.inboxPane()->findChild<QLineEdit *>(QStringLiteral("conversationSearch"));
        QTest::keyClicks(search, customer);
        QVERIFY(conversations->model()->rowCount() >= 1);
        QVERIFY(conversations->model()->rowCount() < 50);
        search->clear();

        // Every pane, by keyboard shortcut and by the navigation list.
        auto *navigation = window.findChild<QListWidget *>(QStringLiteral("navigation"));
        for (int i = 0; i < MainWindow::PaneCount; ++i) {
            QTest::keyClick(&window, Qt::Key(Qt::Key_1 + i), Qt::ControlModifier);
            QCOMPARE(int(window.currentPane()), i);
            QVERIFY(window.pane(MainWindow::Pane(i))->isVisible());
        }
        for (int i = MainWindow::PaneCount - 1; i >= 0; --i) {
            const QRect item = navigation->visualItemRect(navigation->item(i));
            QTest::mouseClick(navigation->viewport(), Qt::LeftButton, {}, item.center());
            QCOMPARE(int(window.currentPane()), i);
        }

        // Knowledge: the demo's five documents; a dropped web page is imported; the retrieval
        // test finds its passage, as the bot would.
        window.showPane(MainWindow::Knowledge);
        KnowledgePane *knowledge = window.knowledgePane();
        QTRY_COMPARE(knowledge->documents()->rowCount(), 5);
        QTemporaryDir files;
        QFile page(files.filePath(QStringLiteral("monsoon-offers.html")));
        QVERIFY(page.open(QIODevice::WriteOnly));
        page.write(
            "<html><head><title>Monsoon offers</title></head><body><h1>Monsoon offers</h1>"
            "<p>Umbrellas at Rs 199 and raincoats at Rs 349 until 31 July.</p></body></html>");
        page.close();
        knowledge->importFiles({page.fileName()});
        QTRY_COMPARE(knowledge->documents()->rowCount(), 6);
        QTRY_VERIFY(window.banner()->text().contains(QLatin1String("imported (1 passage)")));
        QTest::keyClicks(knowledge->questionEdit(), QStringLiteral("raincoat kitne ka hai"));
        QTest::keyClick(knowledge->questionEdit(), Qt::Key_Return);
        QTRY_VERIFY(knowledge->results()->count() > 0);
        QVERIFY2(
            knowledge->results()->item(0)->text().contains(QLatin1String("raincoats at Rs 349")),
            qPrintable(knowledge->results()->item(0)->text()));
        QTRY_VERIFY(knowledge->findChild<QLabel *>(QStringLiteral("knowledgeAnswer"))
                        ->text()
                        .contains(QLatin1String("The bot would answer")));
        screenshot(window, QStringLiteral("knowledge"));

        // A passage corrected by hand is what the bot finds next; the document shows it edited.
        const auto monsoon =
            knowledge->documents()->findItems(QStringLiteral("Monsoon offers"), Qt::MatchExactly);
        QCOMPARE(monsoon.size(), 1);
        knowledge->documents()->selectRow(monsoon.first()->row());
        QTRY_VERIFY(
            knowledge->passages()->list()->count() == 1 &&
            knowledge->passages()->list()->item(0)->text().contains(QLatin1String("raincoats")));
        knowledge->passages()->list()->setCurrentRow(0);
        knowledge->passages()->textEdit()->setPlainText(
            QStringLiteral("Umbrellas at Rs 179 and raincoats at Rs 329 until 31 July."));
        knowledge->passages()->save();
        QTRY_VERIFY(window.banner()->text().contains(QLatin1String("Passage saved")));
        QTRY_VERIFY(
            knowledge->passages()->list()->item(0) &&
            knowledge->passages()->list()->item(0)->text().contains(QLatin1String("[edited]")));
        knowledge->tryQuestion(QStringLiteral("raincoat price"));
        QTRY_VERIFY(knowledge->results()->count() > 0 &&
                    knowledge->results()->item(0)->text().contains(QLatin1String("Rs 329")));

        // The FAQ editor saves its pairs as one document the bot answers from.
        knowledge->tabs()->setCurrentIndex(1);
        QTRY_COMPARE(knowledge->faq()->table()->rowCount(), 0);
        knowledge->faq()->addPair(QStringLiteral("Do you sell ice?"),
                                  QStringLiteral("Yes, ice packs at Rs 20, in the freezer."));
        knowledge->faq()->addPair(QStringLiteral("Half-filled row"), QString());
        knowledge->faq()->save();
        QTRY_VERIFY(window.banner()->text().contains(QLatin1String("row 2 has no answer")));
        knowledge->faq()->table()->removeRow(1);
        knowledge->faq()->save();
        QTRY_COMPARE(knowledge->documents()->rowCount(), 7);
        knowledge->tryQuestion(QStringLiteral("ice packs"));
        QTRY_VERIFY(knowledge->results()->count() > 0 &&
                    knowledge->results()->item(0)->text().contains(QLatin1String("freezer")));

        // Synonyms: the try-line shows the question as the bot will search it.
        knowledge->tabs()->setCurrentIndex(2);
        knowledge->synonyms()->editor()->setPlainText(QStringLiteral("barsaati = raincoat"));
        knowledge->synonyms()->tryLine()->setText(QStringLiteral("barsaati hai?"));
        QVERIFY2(knowledge->synonyms()->tryResult()->text().contains(QLatin1String("raincoat")),
                 qPrintable(knowledge->synonyms()->tryResult()->text()));
        knowledge->synonyms()->save();
        QTRY_VERIFY(window.banner()->text().contains(QLatin1String("Synonyms saved")));
        knowledge->tryQuestion(QStringLiteral("barsaati"));
        QTRY_VERIFY(knowledge->results()->count() > 0 &&
                    knowledge->results()->item(0)->text().contains(QLatin1String("raincoats")));
        QTRY_VERIFY(knowledge->findChild<QLabel *>(QStringLiteral("knowledgeAnswer"))
                        ->text()
                        .contains(QLatin1String("The bot would answer")));
        screenshot(window, QStringLiteral("knowledge-synonyms"));

        // Settings: a stricter threshold makes the same question go to a person.
        knowledge->tabs()->setCurrentIndex(3);
        QTRY_VERIFY(knowledge->settingsSection()->thresholdBox()->value() > 0.5);
        knowledge->settingsSection()->thresholdBox()->setValue(1.0);
        knowledge->settingsSection()->save();
        QTRY_VERIFY(window.banner()->text().contains(QLatin1String("Knowledge settings saved")));
        screenshot(window, QStringLiteral("knowledge-settings"));
        knowledge->tryQuestion(QStringLiteral("raincoat price list"));
        QTRY_VERIFY(knowledge->findChild<QLabel *>(QStringLiteral("knowledgeAnswer"))
                        ->text()
                        .contains(QLatin1String("hand this chat to a person")));

        // The log of every retrieval, newest first.
        RetrievalLogDialog *log = knowledge->openLog();
        QTRY_VERIFY(log->table()->rowCount() >= 5);
        QCOMPARE(log->table()->item(0, 2)->text(), QStringLiteral("raincoat price list"));
        QCOMPARE(log->table()->item(0, 3)->text(), QStringLiteral("handed to a person"));
        screenshot(*log, QStringLiteral("retrieval-log"));
        log->close();

        // A PDF and a Word file with progress; an import cancelled stores nothing.
        knowledge->tabs()->setCurrentIndex(0);
        const QString fixtures = QFINDTESTDATA("../knowledge/fixtures");
        QSignalSpy imported(knowledge, &KnowledgePane::importFinished);
        knowledge->importFiles({fixtures + QStringLiteral("/store-policies.pdf"),
                                fixtures + QStringLiteral("/delivery-guide.docx")});
        QTRY_COMPARE(imported.size(), 1);
        QVERIFY2(window.banner()->text().contains(QLatin1String("store-policies.pdf: imported")),
                 qPrintable(window.banner()->text()));
        QTRY_COMPARE(knowledge->documents()->rowCount(), 9);
        knowledge->importFiles({fixtures + QStringLiteral("/locked-policies.pdf")});
        QVERIFY(knowledge->importProgress()->isVisibleTo(knowledge));
        knowledge->cancelImport();
        QTRY_COMPARE(imported.size(), 2);
        QVERIFY(window.banner()->text().contains(QLatin1String("cancelled")));
        QCOMPARE(knowledge->documents()->rowCount(), 9);

        // The import dialog maps an FAQ file's columns and previews its passages.
        QFile faqFile(files.filePath(QStringLiteral("sawal-jawab.csv")));
        QVERIFY(faqFile.open(QIODevice::WriteOnly));
        faqFile.write("id,sawal,jawab\n1,Paneer fresh hai?,Haan roz subah aata hai.\n"
                      "2,Atta kaunsa hai?,Aashirvaad aur Pillsbury.\n");
        faqFile.close();
        KnowledgeImportDialog dialog(engine.store(), engine.knowledgeEdits(),
                                     window.currentTenantId(), {faqFile.fileName()});
        QCOMPARE(dialog.questionColumn()->currentText(), QStringLiteral("sawal"));
        QCOMPARE(dialog.answerColumn()->currentText(), QStringLiteral("jawab"));
        QSignalSpy previewed(&dialog, &KnowledgeImportDialog::previewShown);
        dialog.preview();
        QTRY_COMPARE(previewed.size(), 1);
        QCOMPARE(dialog.previewList()->count(), 2);
        QVERIFY(dialog.previewList()->item(0)->text().contains(QLatin1String("Paneer fresh hai?")));

        // Inventory: the 200 products, with Hinglish names searchable.
        window.showPane(MainWindow::Inventory);
        QTableView *table = window.inventoryPane()->table();
        QTRY_COMPARE(table->model()->rowCount(), 200);
        QVERIFY(window.inventoryPane()->summaryText().contains(QLatin1String("out of stock")));
        screenshot(window, QStringLiteral("inventory"));
        auto *productSearch =
            window.inventoryPane()->findChild<QLineEdit *>(QStringLiteral("productSearch"));
        QTest::keyClicks(productSearch, QStringLiteral("doodh"));
        QVERIFY(table->model()->rowCount() >= 3);
        QVERIFY(table->model()->rowCount() < 20);
        for (int row = 0; row < table->model()->rowCount(); ++row)
            QVERIFY(
                table->model()->index(row, 8).data().toString().contains(QLatin1String("doodh")));
        QVERIFY(window.inventoryPane()->summaryText().contains(QLatin1String("of 200 products")));

        // Settings: the store's profile, and a wrong database address is refused in words.
        window.showPane(MainWindow::Settings);
        auto *settingsPane = qobject_cast<SettingsPane *>(window.pane(MainWindow::Settings));
        QTRY_VERIFY(settingsPane->profileField(QStringLiteral("store.hours"))
                        ->text()
                        .contains(QLatin1String("7:00 am")));
        screenshot(window, QStringLiteral("settings"));
        settingsPane->databaseEdit()->setText(QStringLiteral("mysql://shop"));
        QTest::keyClick(settingsPane->databaseEdit(), Qt::Key_Return);
        QCOMPARE(window.banner()->kind(), BannerWidget::Kind::Error);
        QVERIFY(window.banner()->text().contains(QLatin1String("sqlite:PATH")));
        QVERIFY(settings.databaseUrl().isEmpty());
        settingsPane->databaseEdit()->setText(QStringLiteral("postgresql://shop:pw@10.0.0.5/shop"));
        QTest::keyClick(settingsPane->databaseEdit(), Qt::Key_Return);
        QCOMPARE(window.banner()->kind(), BannerWidget::Kind::Information);
        QVERIFY(!window.banner()->text().contains(QLatin1String("pw@")));
        QCOMPARE(settings.databaseUrl(), QStringLiteral("postgresql://shop:pw@10.0.0.5/shop"));
        settings.setDatabaseUrl(QString());

        // The window remembers its pane and size.
        window.showPane(MainWindow::Inventory);
        window.close();
        QCOMPARE(settings.lastPane(), int(MainWindow::Inventory));
        QVERIFY(!settings.windowGeometry().isEmpty());
        QCOMPARE(settings.lastStore(), QStringLiteral("demo"));
        // The remembered pane opens once the remembered person is signed in again (an agent
        // would not see the inventory).
        MainWindow reopened(engine, settings);
        QTRY_COMPARE(reopened.currentPane(), MainWindow::Inventory);
    }

    void simulatorChannelEndToEnd()
    {
        ConsoleSettings settings;
        settings.setOperatorName(QStringLiteral("demo"), QStringLiteral("Rakesh Sharma"));
        Engine::Options options = embedded(QStringLiteral("simulator"));
        options.listenPort = 0;
        options.listenRequired = false;
        Engine engine(options);
        MainWindow window(engine, settings);
        window.resize(1280, 860);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        engine.start();
        QTRY_COMPARE_WITH_TIMEOUT(engine.state(), Engine::State::Running, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(window.inboxPane()->filter()->sourceModel()->rowCount(), 50,
                                  10000);

        // Settings: add a simulator channel through the dialog, as the owner (signed in) would.
        QTRY_VERIFY_WITH_TIMEOUT(window.consoleOperator()->current().id > 0, 10000);
        window.showPane(MainWindow::Settings);
        ChannelsSection *channels = window.settingsPane()->channels();
        ChannelDialog dialog({}, &window);
        dialog.providerBox()->setCurrentIndex(
            dialog.providerBox()->findData(QStringLiteral("simulator")));
        dialog.findChild<QLineEdit *>(QStringLiteral("channelName"))
            ->setText(QStringLiteral("Test phone"));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        channels->saveChannel(dialog.channel());
        QTRY_COMPARE_WITH_TIMEOUT(channels->table()->rowCount(), 1, 10000);
        QTRY_VERIFY(channels->table()->item(0, 2) && channels->table()->item(0, 2)->text().contains(
                                                         QLatin1String("/webhooks/simulator/")));
        channels->table()->selectRow(0);
        // Check it (the sender, on its own thread, may still be loading it: then ask again).
        const qint64 channelId = channels->channels().first().id;
        auto *test = channels->findChild<QPushButton *>(QStringLiteral("testConnection"));
        QVERIFY(test);
        QTRY_VERIFY_WITH_TIMEOUT(([&] {
                                     if (test->isEnabled())
                                         channels->testConnection(channelId);
                                     return window.banner()->text().contains(
                                         QLatin1String("is connected"));
                                 }()),
                                 10000);

        // A bad channel is refused in the dialog with the reason.
        ChannelDialog bad({}, &window);
        bad.providerBox()->setCurrentIndex(bad.providerBox()->findData(QStringLiteral("meta")));
        bad.accept();
        QCOMPARE(bad.result(), int(QDialog::Rejected));
        QVERIFY(bad.findChild<QLabel *>(QStringLiteral("channelError"))
                    ->text()
                    .contains(QLatin1String("needs")));

        // The test phone writes as a customer; the chat appears in the Inbox.
        QTest::mouseClick(channels->findChild<QPushButton *>(QStringLiteral("openTestPhone")),
                          Qt::LeftButton);
        auto *phone = window.findChild<TestPhoneDialog *>(QStringLiteral("testPhone"));
        QVERIFY(phone);
        QTest::keyClicks(phone->messageEdit(), QStringLiteral("2 milk aur 1 bread"));
        QTest::keyClick(phone->messageEdit(), Qt::Key_Return);
        QListView *list = window.inboxPane()->conversationList();
        QTRY_COMPARE_WITH_TIMEOUT(window.inboxPane()->filter()->sourceModel()->rowCount(), 51,
                                  10000);
        QTRY_COMPARE(list->model()->index(0, 0).data().toString(), QStringLiteral("Test customer"));
        screenshot(window, QStringLiteral("settings-channels"));

        // Reply from the Inbox: the customer's phone gets it, and the ticks come back.
        window.showPane(MainWindow::Inbox);
        QTest::mouseClick(list->viewport(), Qt::LeftButton, {},
                          list->visualRect(list->model()->index(0, 0)).center());
        QListView *messages = window.inboxPane()->conversationView()->messageList();
        // The bot answers first: several milks match, so it asks which one.
        QTRY_COMPARE_WITH_TIMEOUT(messages->model()->rowCount(), 2, 15000);
        QVERIFY2(messages->model()->index(1, 0).data().toString().contains(QLatin1String("milk"),
                                                                           Qt::CaseInsensitive),
                 qPrintable(messages->model()->index(1, 0).data().toString()));
        QTRY_VERIFY_WITH_TIMEOUT(phone->transcript()->count() == 2, 15000);
        // Beside the messages, why: the intent, the items read, the question asked.
        QListView *traces = window.inboxPane()->tracePanel()->list();
        QTRY_COMPARE_WITH_TIMEOUT(traces->model()->rowCount(), 1, 10000);
        QVERIFY2(
            traces->model()->index(0, 0).data().toString().contains(QLatin1String("place order")),
            qPrintable(traces->model()->index(0, 0).data().toString()));
        const QString why = window.inboxPane()->tracePanel()->details()->toPlainText();
        QVERIFY2(why.contains(QLatin1String("Items")) && why.contains(QLatin1String("milk")),
                 qPrintable(why));
        QLineEdit *composer = window.inboxPane()->conversationView()->composer();
        QTest::keyClicks(composer, QStringLiteral("Sure! 2 Amul milk and 1 bread, "));
        composer->insert(QStringLiteral("₹110.")); // keyClicks types ASCII only
        QTest::keyClick(composer, Qt::Key_Return);
        // The reply took the chat from the bot: a line says so, then the reply.
        QTRY_COMPARE(messages->model()->rowCount(), 4);
        QCOMPARE(messages->model()->index(2, 0).data(MessageListModel::AuthorRole).toString(),
                 QStringLiteral("system"));
        QTRY_COMPARE_WITH_TIMEOUT(
            messages->model()->index(3, 0).data(MessageListModel::StatusRole).toString(),
            QStringLiteral("read"), 15000);
        QVERIFY(composer->text().isEmpty());
        QTRY_VERIFY(phone->transcript()->count() == 3);
        QVERIFY(phone->transcript()->item(2)->text().contains(QStringLiteral("₹110")));
        screenshot(window, QStringLiteral("inbox-simulator"));
        screenshot(*phone, QStringLiteral("test-phone"));
        phone->close();
    }

    void secondStartDoesNotLoadTheDemoAgain()
    {
        ConsoleSettings settings;
        Engine engine(embedded(QStringLiteral("first")));
        MainWindow window(engine, settings);
        engine.start();
        QTRY_COMPARE_WITH_TIMEOUT(engine.state(), Engine::State::Running, 20000);
        QTRY_COMPARE(window.inboxPane()->filter()->sourceModel()->rowCount(), 50);
        QVERIFY(window.banner()->text().isEmpty());
    }

    void aBrokenDatabaseShowsABannerNotACrash()
    {
        const QString dir = m_home.filePath(QStringLiteral("broken"));
        QDir().mkpath(dir);
        QFile f(QDir(dir).filePath(QStringLiteral("shopdesk.sqlite3")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, '\x7f'));
        f.close();
        ConsoleSettings settings;
        Engine::Options options = embedded(QStringLiteral("broken"));
        Engine engine(options);
        MainWindow window(engine, settings);
        window.show();
        engine.start();
        QTRY_COMPARE_WITH_TIMEOUT(engine.state(), Engine::State::Failed, 20000);
        QCOMPARE(window.banner()->kind(), BannerWidget::Kind::Error);
        QVERIFY2(window.banner()->text().contains(f.fileName()),
                 qPrintable(window.banner()->text()));
        QVERIFY(window.statusBar()
                    ->findChild<QLabel *>(QStringLiteral("engineStatus"))
                    ->text()
                    .contains(QLatin1String("Not running")));
        screenshot(window, QStringLiteral("broken-database"));
        QCOMPARE(QFileInfo(f.fileName()).size(), 8192); // the owner's file is left as it was
    }
};

QTEST_MAIN(ConsoleSmokeTest)
#include "tst_console_smoke.moc"
