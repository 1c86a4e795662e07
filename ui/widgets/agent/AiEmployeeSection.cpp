#include "widgets/agent/AiEmployeeSection.h"

#include "StoreSettingsIO.h"
#include "agent/Agent.h"
#include "ai/ModelEndpoint.h"
#include "engine/Engine.h"
#include "knowledge/KnowledgeSettings.h"
#include "storage/StoreWorker.h"
#include "widgets/agent/IntentExamplesEditor.h"
#include "widgets/agent/ReplyTemplatesEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace shopdesk {

namespace {

const QString kName = QStringLiteral("persona.name");
const QString kTone = QStringLiteral("persona.tone");
const QString kHandover = QStringLiteral("escalation.handover_message");
const QString kOrderAbove = QStringLiteral("escalation.order_above");
const QString kUseModel = QStringLiteral("agent.model");
const QString kCoolDown = QStringLiteral("ai.cooldown_s");
const QString kMisunderstandings = QStringLiteral("escalation.misunderstandings");
const QString kNotifyTakeover = QStringLiteral("inbox.notify_takeover");
const QString kWelcome = QStringLiteral("welcome.enabled");
const QString kAway = QStringLiteral("away.enabled");
const QString kNotifyHandback = QStringLiteral("inbox.notify_handback");
const QString kAutoHandBack = QStringLiteral("inbox.auto_handback_min");
const QString kReopenTo = QStringLiteral("inbox.reopen_to");

} // namespace

AiEmployeeSection::AiEmployeeSection(Engine &engine, QWidget *parent)
    : QGroupBox(tr("The AI employee"), parent)
    , m_engine(engine)
{
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_name = new QLineEdit(this);
    m_name->setObjectName(QStringLiteral("personaName"));
    m_name->setPlaceholderText(QStringLiteral("Asha"));
    m_tone = new QComboBox(this);
    m_tone->setEditable(true);
    m_tone->addItems({tr("warm"), tr("polite and formal"), tr("brief"), tr("cheerful")});
    m_handover = new QLineEdit(this);
    m_handover->setPlaceholderText(tr("Shopdesk's text: the store's team will reply here soon"));
    m_orderAbove = new QDoubleSpinBox(this);
    m_orderAbove->setObjectName(QStringLiteral("orderAbove"));
    m_orderAbove->setRange(0, 10000000);
    m_orderAbove->setDecimals(0);
    m_orderAbove->setPrefix(QStringLiteral("₹"));
    m_orderAbove->setSpecialValueText(tr("never"));
    form->addRow(tr("Name"), m_name);
    form->addRow(tr("Tone"), m_tone);
    form->addRow(tr("When it hands over, it says"), m_handover);
    form->addRow(tr("A person confirms orders above"), m_orderAbove);
    m_misunderstandings = new QSpinBox(this);
    m_misunderstandings->setObjectName(QStringLiteral("misunderstandings"));
    m_misunderstandings->setRange(1, 5);
    m_misunderstandings->setSuffix(tr(" messages in a row"));
    form->addRow(tr("Hand over when it does not understand"), m_misunderstandings);
    m_notifyTakeover = new QCheckBox(tr("Tell the customer when a person takes the chat"), this);
    m_notifyTakeover->setObjectName(QStringLiteral("notifyTakeover"));
    m_notifyHandback = new QCheckBox(tr("Tell the customer when the bot has it again"), this);
    m_notifyHandback->setObjectName(QStringLiteral("notifyHandback"));
    auto *notices = new QVBoxLayout;
    notices->addWidget(m_notifyTakeover);
    notices->addWidget(m_notifyHandback);
    form->addRow(tr("Takeover"), notices);
    m_welcome = new QCheckBox(tr("Greet a new customer (and one back after 14 days)"), this);
    m_welcome->setObjectName(QStringLiteral("welcomeEnabled"));
    m_away = new QCheckBox(tr("Send an away message outside the opening hours"), this);
    m_away->setObjectName(QStringLiteral("awayEnabled"));
    m_away->setToolTip(tr("The hours come from the store's profile (Opening hours). Word both "
                          "messages under Replies: \"Greeting for a new customer\" and \"Away "
                          "message\"."));
    auto *business = new QVBoxLayout;
    business->addWidget(m_welcome);
    business->addWidget(m_away);
    form->addRow(tr("Greeting and away"), business);
    m_autoHandBack = new QSpinBox(this);
    m_autoHandBack->setObjectName(QStringLiteral("autoHandBack"));
    m_autoHandBack->setRange(0, 24 * 60);
    m_autoHandBack->setSuffix(tr(" min without a word from the person"));
    m_autoHandBack->setSpecialValueText(tr("never"));
    form->addRow(tr("Give a chat back to the bot after"), m_autoHandBack);
    m_reopenTo = new QComboBox(this);
    m_reopenTo->setObjectName(QStringLiteral("reopenTo"));
    m_reopenTo->addItem(tr("it opens again with the bot"), QStringLiteral("bot"));
    m_reopenTo->addItem(tr("it goes back to the person who closed it"), QStringLiteral("person"));
    form->addRow(tr("When a customer writes to a closed chat"), m_reopenTo);
    auto *modelRow = new QHBoxLayout;
    m_useModel =
        new QCheckBox(tr("Let the language model write replies with the bot's tools"), this);
    m_useModel->setObjectName(QStringLiteral("useModel"));
    m_coolDown = new QSpinBox(this);
    m_coolDown->setRange(10, 3600);
    m_coolDown->setSuffix(tr(" s pause after failures"));
    modelRow->addWidget(m_useModel);
    modelRow->addWidget(m_coolDown);
    modelRow->addStretch(1);
    form->addRow(tr("Language model"), modelRow);
    m_modelState = new QLabel(this);
    m_modelState->setObjectName(QStringLiteral("modelState"));
    m_modelState->setWordWrap(true);
    m_testModel = new QPushButton(tr("Test the model"), this);
    m_testModel->setObjectName(QStringLiteral("testModel"));
    auto *setUp = new QPushButton(tr("Set up the model…"), this);
    setUp->setObjectName(QStringLiteral("setUpModel"));
    auto *stateRow = new QHBoxLayout;
    stateRow->addWidget(m_modelState, 1);
    stateRow->addWidget(setUp, 0, Qt::AlignTop);
    stateRow->addWidget(m_testModel, 0, Qt::AlignTop);
    connect(setUp, &QPushButton::clicked, this, &AiEmployeeSection::setUpModelRequested);
    form->addRow(QString(), stateRow);
    layout->addLayout(form);
    auto *save = new QPushButton(tr("Save"), this);
    save->setObjectName(QStringLiteral("saveAgent"));
    auto *saveRow = new QHBoxLayout;
    saveRow->addStretch(1);
    saveRow->addWidget(save);
    layout->addLayout(saveRow);

    m_tabs = new QTabWidget(this);
    m_replies = new ReplyTemplatesEditor(engine, m_tabs);
    m_intents = new IntentExamplesEditor(engine, m_tabs);
    m_tabs->addTab(m_replies, tr("Replies"));
    m_tabs->addTab(m_intents, tr("Intents and examples"));
    m_tabs->setMinimumHeight(420);
    layout->addWidget(m_tabs, 1);

    connect(save, &QPushButton::clicked, this, &AiEmployeeSection::save);
    connect(m_testModel, &QPushButton::clicked, this, &AiEmployeeSection::testModel);
    connect(m_replies, &ReplyTemplatesEditor::message, this, &AiEmployeeSection::message);
    connect(m_intents, &IntentExamplesEditor::message, this, &AiEmployeeSection::message);
    connect(
        &engine.agent(), &Agent::modelBreakerChanged, this,
        [this](qint64 tenantId, bool open, const QString &reason) {
            if (tenantId != m_tenantId)
                return;
            m_modelState->setText(
                open
                    ? tr("Paused: %1. The bot answers without it until the pause ends.").arg(reason)
                    : tr("Working again."));
            m_modelState->setStyleSheet(open ? QStringLiteral("color:#b01e1e;")
                                             : QStringLiteral("color:#1b6e3a;"));
        });
}

void AiEmployeeSection::setActor(qint64 operatorId)
{
    m_actor = operatorId;
    m_replies->setActor(operatorId);
    m_intents->setActor(operatorId);
}

void AiEmployeeSection::setTenant(qint64 tenantId)
{
    const bool otherStore = tenantId != m_tenantId;
    m_tenantId = tenantId;
    if (otherStore) {
        m_replies->setTenant(tenantId);
        m_intents->setTenant(tenantId);
    }
    StoreSettingsIO::load(
        m_request, m_engine.storeSettings(), this, tenantId,
        [this](const QString &error) { Q_EMIT message(error, true); },
        [this](const StoreSettingsIO::Settings &settings) {
            m_name->setText(settings.value(kName));
            m_tone->setCurrentText(settings.value(kTone, tr("warm")));
            m_handover->setText(settings.value(kHandover));
            m_orderAbove->setValue(settings.value(kOrderAbove).toDouble());
            m_useModel->setChecked(settings.value(kUseModel) != QLatin1String("off"));
            const int misunderstood = settings.value(kMisunderstandings).toInt();
            m_misunderstandings->setValue(misunderstood > 0 ? misunderstood : 2);
            const int coolDown = settings.value(kCoolDown).toInt();
            m_coolDown->setValue(coolDown > 0 ? coolDown : 60);
            m_notifyTakeover->setChecked(settings.value(kNotifyTakeover) == QLatin1String("true"));
            m_welcome->setChecked(settings.value(kWelcome) == QLatin1String("true"));
            m_away->setChecked(settings.value(kAway) == QLatin1String("true"));
            m_notifyHandback->setChecked(settings.value(kNotifyHandback) == QLatin1String("true"));
            m_autoHandBack->setValue(settings.value(kAutoHandBack).toInt());
            m_reopenTo->setCurrentIndex(settings.value(kReopenTo) == QLatin1String("person") ? 1
                                                                                             : 0);
            showModelState(settings);
            Q_EMIT loaded();
        });
}

void AiEmployeeSection::refreshModelState()
{
    StoreSettingsIO::load(
        m_stateRequest, m_engine.storeSettings(), this, m_tenantId,
        [this](const QString &error) { Q_EMIT message(error, true); },
        [this](const StoreSettingsIO::Settings &settings) { showModelState(settings); });
}

void AiEmployeeSection::showModelState(const QMap<QString, QString> &settings)
{
    const ModelEndpoint chat = ModelEndpoint::fromJson(settings.value(KnowledgeSettings::kChatKey));
    m_chat = chat;
    m_useModel->setEnabled(chat.configured());
    m_coolDown->setEnabled(chat.configured());
    m_testModel->setEnabled(chat.configured());
    m_modelState->setStyleSheet(QStringLiteral("color:#666;"));
    if (!chat.configured())
        m_modelState->setText(tr("No model is set up: the bot answers on its own, from your "
                                 "inventory, settings and documents. Set one up under Knowledge › "
                                 "Settings (OpenAI, Ollama, llama.cpp or vLLM)."));
    else if (m_engine.agent().modelPaused(m_tenantId))
        m_modelState->setText(tr("%1 at %2 is paused after failures; the bot answers without it "
                                 "for now.")
                                  .arg(chat.model, chat.url(QString()).host()));
    else
        m_modelState->setText(tr("%1 at %2. Names and phone numbers are masked before anything is "
                                 "sent; a reply it cannot back with the shop's data is not sent.")
                                  .arg(chat.model, chat.url(QString()).host()));
}

void AiEmployeeSection::testModel()
{
    m_testModel->setEnabled(false);
    m_modelState->setText(tr("Asking %1…").arg(m_chat.model));
    m_engine.agent().checkModel(m_chat, this, [this](Result<qint64> took) {
        m_testModel->setEnabled(true);
        if (took)
            m_modelState->setText(tr("%1 answered in %2 s, with the bot's tools attached.")
                                      .arg(m_chat.model)
                                      .arg(double(took.value()) / 1000.0, 0, 'f', 1));
        else
            m_modelState->setText(tr("The model did not answer: %1").arg(took.error()));
        m_modelState->setStyleSheet(took ? QStringLiteral("color:#1b6e3a;")
                                         : QStringLiteral("color:#b01e1e;"));
        Q_EMIT modelTested(took.ok());
    });
}

void AiEmployeeSection::save()
{
    const QList<QPair<QString, QString>> values = {
        {kName, m_name->text().trimmed()},
        {kTone, m_tone->currentText().trimmed()},
        {kHandover, m_handover->text().trimmed()},
        {kOrderAbove,
         m_orderAbove->value() > 0 ? QString::number(m_orderAbove->value(), 'f', 0) : QString()},
        {kUseModel, m_useModel->isChecked() ? QStringLiteral("on") : QStringLiteral("off")},
        {kCoolDown, QString::number(m_coolDown->value())},
        {kMisunderstandings, QString::number(m_misunderstandings->value())},
        {kNotifyTakeover,
         m_notifyTakeover->isChecked() ? QStringLiteral("true") : QStringLiteral("false")},
        {kWelcome, m_welcome->isChecked() ? QStringLiteral("true") : QStringLiteral("false")},
        {kAway, m_away->isChecked() ? QStringLiteral("true") : QStringLiteral("false")},
        {kNotifyHandback,
         m_notifyHandback->isChecked() ? QStringLiteral("true") : QStringLiteral("false")},
        {kAutoHandBack, QString::number(m_autoHandBack->value())},
        {kReopenTo, m_reopenTo->currentData().toString()}};
    StoreSettingsIO::save(
        m_engine.storeSettings(), m_actor, this, m_tenantId, values, [this](const QString &error) {
            if (!error.isEmpty()) {
                Q_EMIT message(tr("The bot's settings were not saved: %1").arg(error), true);
                return;
            }
            Q_EMIT message(tr("Saved the bot's settings."), false);
            Q_EMIT saved();
        });
}

} // namespace shopdesk
