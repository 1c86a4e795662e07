#pragma once

#include "LatestRequest.h"
#include "ai/ModelEndpoint.h"

#include <QGroupBox>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace shopdesk {

class Engine;
class IntentExamplesEditor;
class ReplyTemplatesEditor;

// The bot's settings for the current store: its name and tone, when it hands a chat to a person
// and what it says then, whether the language model may answer (with the breaker's state); and
// in tabs, its replies and the store's own intent examples.
class AiEmployeeSection : public QGroupBox
{
    Q_OBJECT
public:
    explicit AiEmployeeSection(Engine &engine, QWidget *parent = nullptr);

    void setTenant(qint64 tenantId);
    void setActor(qint64 operatorId); // who saves here and in the editors (the engine checks)
    void save();
    void testModel();
    // The model's state again, after the store's settings changed (a new endpoint).
    void refreshModelState();

    QLineEdit *personaName() const { return m_name; }
    QDoubleSpinBox *orderLimit() const { return m_orderAbove; }
    QCheckBox *useModel() const { return m_useModel; }
    QLabel *modelState() const { return m_modelState; }
    ReplyTemplatesEditor *replies() const { return m_replies; }
    IntentExamplesEditor *intents() const { return m_intents; }

Q_SIGNALS:
    void message(const QString &text, bool isError);
    void loaded();
    void saved();
    void modelTested(bool ok);
    // The endpoint is edited with the knowledge settings (it also writes answers there).
    void setUpModelRequested();

private:
    void showModelState(const QMap<QString, QString> &settings);

    Engine &m_engine;
    qint64 m_tenantId = 0;
    qint64 m_actor = 0;
    QLineEdit *m_name = nullptr;
    QComboBox *m_tone = nullptr;
    QLineEdit *m_handover = nullptr;
    QDoubleSpinBox *m_orderAbove = nullptr;
    QCheckBox *m_useModel = nullptr;
    QSpinBox *m_coolDown = nullptr;
    QSpinBox *m_misunderstandings = nullptr;
    QCheckBox *m_notifyTakeover = nullptr;
    QCheckBox *m_welcome = nullptr;
    QCheckBox *m_away = nullptr;
    QCheckBox *m_notifyHandback = nullptr;
    QSpinBox *m_autoHandBack = nullptr;
    QComboBox *m_reopenTo = nullptr;
    QLabel *m_modelState = nullptr;
    QPushButton *m_testModel = nullptr;
    ModelEndpoint m_chat;
    QTabWidget *m_tabs = nullptr;
    ReplyTemplatesEditor *m_replies = nullptr;
    IntentExamplesEditor *m_intents = nullptr;
    LatestRequest m_request;
    LatestRequest m_stateRequest;
};

} // namespace shopdesk
