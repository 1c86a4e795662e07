// The AI employee's settings as a store owner changes them: the bot's name and rules, its
// replies, the store's own intent examples with a message tried against them, the store profile
// the bot quotes; every change saved in the store and the bot using it.
#include "ConsoleFixture.h"
#include "FakeModelServer.h"
#include "ai/ModelEndpoint.h"
#include "engine/Engine.h"
#include "knowledge/KnowledgeSettings.h"
#include "panes/KnowledgePane.h"
#include "panes/SettingsPane.h"
#include "storage/StoreWorker.h"
#include "widgets/BannerWidget.h"
#include "widgets/agent/AiEmployeeSection.h"
#include "widgets/agent/IntentExamplesEditor.h"
#include "widgets/agent/ReplyTemplatesEditor.h"
#include "widgets/knowledge/KnowledgeSettingsSection.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace shopdesk;

class AgentSettingsTest : public QObject
{
    Q_OBJECT

    test::ConsoleFixture console;

    AiEmployeeSection *section() { return console.window().settingsPane()->agent(); }

    QString setting(const QString &key)
    {
        const qint64 tenant = console.tenantId();
        auto settings = console.run([tenant](Store &s) { return s.tenants().settings(tenant); });
        return settings ? settings->value(key) : QStringLiteral("(no answer)");
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(console.start(QStringLiteral("shopdesk-agent-settings"), false, {1280, 900}));
        QSignalSpy loaded(section(), &AiEmployeeSection::loaded);
        console.window().showPane(MainWindow::Settings);
        QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty() || !section()->personaName()->text().isEmpty(),
                                 10000);
    }

    void thePersonaAndRulesAreSaved()
    {
        QTRY_COMPARE(section()->personaName()->text(), setting(QStringLiteral("persona.name")));
        QVERIFY(section()->modelState()->text().contains(QLatin1String("No model is set up")));
        QVERIFY(!section()->useModel()->isEnabled());
        section()->personaName()->setText(QStringLiteral("Meera"));
        section()->orderLimit()->setValue(2500);
        // The takeover rules of the store.
        section()->findChild<QCheckBox *>(QStringLiteral("notifyTakeover"))->setChecked(true);
        section()->findChild<QSpinBox *>(QStringLiteral("autoHandBack"))->setValue(15);
        auto *reopenTo = section()->findChild<QComboBox *>(QStringLiteral("reopenTo"));
        reopenTo->setCurrentIndex(reopenTo->findData(QStringLiteral("person")));
        QSignalSpy saved(section(), &AiEmployeeSection::saved);
        section()->save();
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, 10000);
        QCOMPARE(setting(QStringLiteral("persona.name")), QStringLiteral("Meera"));
        QCOMPARE(setting(QStringLiteral("escalation.order_above")), QStringLiteral("2500"));
        QCOMPARE(setting(QStringLiteral("inbox.notify_takeover")), QStringLiteral("true"));
        QCOMPARE(setting(QStringLiteral("inbox.notify_handback")), QStringLiteral("false"));
        QCOMPARE(setting(QStringLiteral("inbox.auto_handback_min")), QStringLiteral("15"));
        QCOMPARE(setting(QStringLiteral("inbox.reopen_to")), QStringLiteral("person"));
        QVERIFY(console.window().banner()->text().contains(QLatin1String("Saved")));
    }

    void aReplyIsChangedAndReset()
    {
        QTableWidget *table = section()->replies()->table();
        int greeting = -1;
        for (int r = 0; r < table->rowCount(); ++r)
            if (table->item(r, 0)->data(Qt::UserRole).toString() == QLatin1String("greeting"))
                greeting = r;
        QVERIFY(greeting >= 0);
        QVERIFY(!table->item(greeting, 1)->font().bold());
        table->item(greeting, 1)
            ->setText(QStringLiteral("Hi! {persona} here. What can I get you?"));
        QVERIFY(table->item(greeting, 1)->font().bold()); // the store's own now
        QSignalSpy saved(section()->replies(), &ReplyTemplatesEditor::saved);
        section()->replies()->save();
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, 10000);
        QCOMPARE(setting(QStringLiteral("templates.greeting")),
                 QStringLiteral("Hi! {persona} here. What can I get you?"));
        QCOMPARE(setting(QStringLiteral("templates.greeting.hi")), QString()); // untouched

        table->setCurrentCell(greeting, 1);
        table->item(greeting, 1)->setSelected(true);
        section()->replies()->resetSelected();
        QVERIFY(!table->item(greeting, 1)->font().bold());
        section()->replies()->save();
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 2, 10000);
        QCOMPARE(setting(QStringLiteral("templates.greeting")), QString());
    }

    void anExampleIsAddedAndAMessageTried()
    {
        IntentExamplesEditor *intents = section()->intents();
        QCOMPARE(intents->table()->rowCount(), 0);
        intents->addExample(QStringLiteral("saamaan kab tak pahunchega"),
                            QStringLiteral("delivery"));
        QSignalSpy saved(intents, &IntentExamplesEditor::saved);
        intents->save();
        QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, 10000);
        const qint64 tenant = console.tenantId();
        auto stored = console.run([tenant](Store &s) { return s.agent().intentExamples(tenant); });
        QCOMPARE(stored->size(), 1);
        QCOMPARE(stored->first().label, QStringLiteral("delivery"));

        QSignalSpy tried(intents, &IntentExamplesEditor::tried);
        intents->tryMessage(QStringLiteral("2 dozen ande aur 1 litre amul milk bhej do"));
        QTRY_COMPARE_WITH_TIMEOUT(tried.size(), 1, 20000);
        const QString result = intents->tryResult()->text();
        QVERIFY2(result.contains(QLatin1String("place order")), qPrintable(result));
        QVERIFY2(result.contains(QStringLiteral("₹236")), qPrintable(result));
    }

    void theProfileIsEditable()
    {
        QLineEdit *hours =
            console.window().settingsPane()->profileField(QStringLiteral("store.hours"));
        QVERIFY(hours);
        const QString demoHours = setting(QStringLiteral("store.hours"));
        QCOMPARE(hours->text(), demoHours);
        hours->setText(QStringLiteral("8:00 am to 10:00 pm, every day"));
        hours->setModified(true);
        QLineEdit *charge =
            console.window().settingsPane()->profileField(QStringLiteral("delivery.charge"));
        const QString before = charge->text();
        charge->setText(QStringLiteral("thirty"));
        console.window().settingsPane()->saveProfile();
        QVERIFY(console.window().banner()->text().contains(QLatin1String("amount in rupees")));
        QCOMPARE(setting(QStringLiteral("store.hours")), demoHours); // nothing saved
        charge->setText(before);
        console.window().settingsPane()->saveProfile();
        QTRY_COMPARE_WITH_TIMEOUT(setting(QStringLiteral("store.hours")),
                                  QStringLiteral("8:00 am to 10:00 pm, every day"), 10000);
        console.window().settingsPane()->findChild<QScrollArea *>()->ensureWidgetVisible(section());
        console.screenshot(QStringLiteral("settings-agent"));
    }

    void theModelIsTestedFromSettings()
    {
        test::FakeModelServer model;
        QVERIFY(model.start() > 0);
        ModelEndpoint e;
        e.baseUrl = model.baseUrl();
        e.model = QStringLiteral("shop-model");
        const qint64 tenant = console.tenantId();
        QVERIFY(console.run([tenant, e](Store &s) {
            return s.tenants().setSetting(tenant, KnowledgeSettings::kChatKey, e.toJson());
        }));
        auto *test = section()->findChild<QPushButton *>(QStringLiteral("testModel"));
        QTRY_VERIFY(test->isEnabled()); // the section saw the new endpoint
        QVERIFY(section()->modelState()->text().contains(QLatin1String("shop-model")));
        QSignalSpy tested(section(), &AiEmployeeSection::modelTested);
        QTest::mouseClick(test, Qt::LeftButton);
        QTRY_COMPARE(tested.size(), 1);
        QCOMPARE(tested.first().at(0).toBool(), true);
        QVERIFY2(section()->modelState()->text().contains(QLatin1String("answered in")),
                 qPrintable(section()->modelState()->text()));
        // The request carried the bot's tools, as a real turn does.
        QVERIFY(!model.requests().last().body.value(QStringLiteral("tools")).toArray().isEmpty());

        model.script({400, {}});
        QTest::mouseClick(test, Qt::LeftButton);
        QTRY_COMPARE(tested.size(), 2);
        QCOMPARE(tested.last().at(0).toBool(), false);
        QVERIFY2(section()->modelState()->text().contains(QLatin1String("400")),
                 qPrintable(section()->modelState()->text()));
    }

    // The voice service is set beside the other endpoints (a minute's time limit: a voice note
    // takes longer than a chat answer); the greeting and away messages are switched on here.
    void voiceServiceGreetingAndAwayAreSettings()
    {
        KnowledgeSettingsSection *knowledge = console.window().knowledgePane()->settingsSection();
        knowledge->findChild<QLineEdit *>(QStringLiteral("voiceUrl"))
            ->setText(QStringLiteral("http://127.0.0.1:8080/v1"));
        knowledge->findChild<QLineEdit *>(QStringLiteral("voiceModel"))
            ->setText(QStringLiteral("whisper-large-v3"));
        knowledge->findChild<QLineEdit *>(QStringLiteral("voiceKey"))
            ->setText(QStringLiteral("sk-voice-secret"));
        knowledge->save();
        QTRY_VERIFY(!setting(KnowledgeSettings::kTranscriptionKey).isEmpty());
        const ModelEndpoint voice =
            ModelEndpoint::fromJson(setting(KnowledgeSettings::kTranscriptionKey));
        QCOMPARE(voice.baseUrl, QStringLiteral("http://127.0.0.1:8080/v1"));
        QCOMPARE(voice.model, QStringLiteral("whisper-large-v3"));
        QCOMPARE(voice.apiKey, QStringLiteral("sk-voice-secret"));
        QCOMPARE(voice.timeoutMs, 60000);
        // The key is kept, never shown again.
        QTRY_VERIFY(
            knowledge->findChild<QLineEdit *>(QStringLiteral("voiceKey"))->text().isEmpty());

        auto *welcome = section()->findChild<QCheckBox *>(QStringLiteral("welcomeEnabled"));
        auto *away = section()->findChild<QCheckBox *>(QStringLiteral("awayEnabled"));
        QVERIFY(welcome && away);
        QVERIFY(!welcome->isChecked() && !away->isChecked()); // off until the store wants them
        welcome->setChecked(true);
        away->setChecked(true);
        section()->save();
        QTRY_COMPARE(setting(QStringLiteral("welcome.enabled")), QStringLiteral("true"));
        QCOMPARE(setting(QStringLiteral("away.enabled")), QStringLiteral("true"));
    }

    void setUpLeadsToTheModelSettings()
    {
        QTest::mouseClick(section()->findChild<QPushButton *>(QStringLiteral("setUpModel")),
                          Qt::LeftButton);
        QCOMPARE(console.window().currentPane(), MainWindow::Knowledge);
        QCOMPARE(console.window().knowledgePane()->tabs()->currentWidget(),
                 static_cast<QWidget *>(console.window().knowledgePane()->settingsSection()));
    }

    void cleanupTestCase() { console.stop(); }
};

QTEST_MAIN(AgentSettingsTest)
#include "tst_agent_settings.moc"
