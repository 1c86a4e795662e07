#pragma once

#include "LatestRequest.h"

#include <QWidget>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace shopdesk {

class Engine;

// The store's own example sentences for the bot's intents ("kal tak mil jayega?" means
// delivery), added to the ones Shopdesk ships; saving retrains the bot in a moment. Below, the
// out-of-scope threshold, and a box to try a message: what the bot would understand and say.
class IntentExamplesEditor : public QWidget
{
    Q_OBJECT
public:
    explicit IntentExamplesEditor(Engine &engine, QWidget *parent = nullptr);

    void setTenant(qint64 tenantId);
    void setActor(qint64 operatorId) { m_actor = operatorId; } // who saves (the engine checks)
    void addExample(const QString &text = {}, const QString &intent = {});
    void removeSelected();
    void save();
    void tryMessage(const QString &text);

    QTableWidget *table() const { return m_table; }
    QLabel *tryResult() const { return m_result; }
    QDoubleSpinBox *thresholdBox() const { return m_threshold; }

Q_SIGNALS:
    void message(const QString &text, bool isError);
    void loaded();
    void saved();
    void tried();

private:
    Engine &m_engine;
    qint64 m_tenantId = 0;
    qint64 m_actor = 0;
    QTableWidget *m_table = nullptr;
    QDoubleSpinBox *m_threshold = nullptr;
    QLabel *m_shipped = nullptr;
    QLineEdit *m_try = nullptr;
    QLabel *m_result = nullptr;
    LatestRequest m_request;
};

} // namespace shopdesk
