#include "widgets/agent/IntentExamplesEditor.h"

#include "agent/Agent.h"
#include "agent/ShopIntents.h"
#include "engine/Engine.h"
#include "settings/StoreSettingsService.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace shopdesk {

namespace {

QString intentName(const QString &label)
{
    QString text = label;
    text.replace(QLatin1Char('_'), QLatin1Char(' '));
    return text;
}

} // namespace

IntentExamplesEditor::IntentExamplesEditor(Engine &engine, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
{
    auto *layout = new QVBoxLayout(this);
    m_shipped = new QLabel(this);
    m_shipped->setWordWrap(true);
    m_shipped->setStyleSheet(QStringLiteral("color:#666;"));
    layout->addWidget(m_shipped);
    m_table = new QTableWidget(0, 2, this);
    m_table->setObjectName(QStringLiteral("intentExamples"));
    m_table->setHorizontalHeaderLabels({tr("What a customer writes"), tr("Means")});
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->verticalHeader()->hide();
    m_table->setMinimumHeight(160);
    layout->addWidget(m_table, 1);

    auto *buttons = new QHBoxLayout;
    auto *add = new QPushButton(tr("Add example"), this);
    auto *remove = new QPushButton(tr("Remove"), this);
    m_threshold = new QDoubleSpinBox(this);
    m_threshold->setObjectName(QStringLiteral("intentThreshold"));
    m_threshold->setRange(0.05, 0.9);
    m_threshold->setSingleStep(0.05);
    m_threshold->setToolTip(tr("Below this certainty a message counts as not understood: the bot "
                               "looks in the store's documents, then hands over."));
    auto *save = new QPushButton(tr("Save and retrain"), this);
    save->setObjectName(QStringLiteral("saveIntents"));
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    buttons->addWidget(new QLabel(tr("Not sure below"), this));
    buttons->addWidget(m_threshold);
    buttons->addWidget(save);
    layout->addLayout(buttons);

    auto *tryRow = new QHBoxLayout;
    m_try = new QLineEdit(this);
    m_try->setObjectName(QStringLiteral("tryMessage"));
    m_try->setPlaceholderText(tr("Try a message, e.g. \"2 doodh aur 1 bread bhej do\""));
    auto *tryButton = new QPushButton(tr("Try"), this);
    tryRow->addWidget(m_try, 1);
    tryRow->addWidget(tryButton);
    layout->addLayout(tryRow);
    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("tryResult"));
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_result);

    connect(add, &QPushButton::clicked, this, [this] { addExample(); });
    connect(remove, &QPushButton::clicked, this, &IntentExamplesEditor::removeSelected);
    connect(save, &QPushButton::clicked, this, &IntentExamplesEditor::save);
    connect(tryButton, &QPushButton::clicked, this, [this] { tryMessage(m_try->text()); });
    connect(m_try, &QLineEdit::returnPressed, this, [this] { tryMessage(m_try->text()); });
    auto shipped = ShopIntents::shippedExamples();
    m_shipped->setText(
        tr("Shopdesk ships %1 example sentences in English and Hinglish for %2 intents. Add the "
           "ways your customers say things that the bot gets wrong; saving retrains it.")
            .arg(shipped ? shipped->size() : 0)
            .arg(ShopIntents::labels().size()));
}

void IntentExamplesEditor::setTenant(qint64 tenantId)
{
    m_tenantId = tenantId;
    m_engine.storeSettings().intentSetup(
        tenantId, this, m_request.latest([this](Result<StoreSettingsService::IntentSetup> result) {
            if (!result) {
                Q_EMIT message(result.error(), true);
                return;
            }
            m_table->setRowCount(0);
            for (const IntentExample &e : result->examples)
                addExample(e.text, e.label);
            bool ok = false;
            const double t = result->threshold.toDouble(&ok);
            m_threshold->setValue(ok ? t : ShopIntents::DefaultThreshold);
            Q_EMIT loaded();
        }));
}

void IntentExamplesEditor::addExample(const QString &text, const QString &intent)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(text));
    auto *box = new QComboBox(m_table);
    for (const QString &label : ShopIntents::labels())
        box->addItem(intentName(label), label);
    box->setCurrentIndex(std::max(0, box->findData(intent)));
    m_table->setCellWidget(row, 1, box);
    if (text.isEmpty()) {
        m_table->setCurrentCell(row, 0);
        m_table->editItem(m_table->item(row, 0));
    }
}

void IntentExamplesEditor::removeSelected()
{
    QList<int> rows;
    for (const QModelIndex &i : m_table->selectionModel()->selectedRows())
        rows << i.row();
    if (rows.isEmpty() && m_table->currentRow() >= 0)
        rows << m_table->currentRow();
    std::sort(rows.begin(), rows.end(), std::greater<>());
    for (int r : rows)
        m_table->removeRow(r);
}

void IntentExamplesEditor::save()
{
    IntentExamples examples;
    for (int r = 0; r < m_table->rowCount(); ++r) {
        const QString text =
            m_table->item(r, 0) ? m_table->item(r, 0)->text().trimmed() : QString();
        const auto *box = qobject_cast<QComboBox *>(m_table->cellWidget(r, 1));
        if (!text.isEmpty() && box)
            examples.append({text, box->currentData().toString()});
    }
    const QString threshold = QString::number(m_threshold->value(), 'f', 2);
    m_engine.storeSettings().saveIntentExamples(
        m_tenantId, m_actor, examples, threshold, this,
        [this, count = examples.size()](Status done) {
            if (!done) {
                Q_EMIT message(tr("The examples were not saved: %1").arg(done.error()), true);
                return;
            }
            Q_EMIT message(
                tr("Saved %n examples of your own; the bot now knows them.", nullptr, int(count)),
                false);
            Q_EMIT saved();
        });
}

void IntentExamplesEditor::tryMessage(const QString &text)
{
    if (text.trimmed().isEmpty())
        return;
    const qint64 tenantId = m_tenantId;
    m_result->setText(tr("Thinking…"));
    m_engine.agent().preview(tenantId, text, this, [this](Result<AgentTurn::Plan> plan) {
        if (!plan) {
            m_result->setText(tr("Could not try it: %1").arg(plan.error()));
            Q_EMIT tried();
            return;
        }
        const QJsonObject intent = plan->trace.value(QStringLiteral("intent")).toObject();
        QString text =
            tr("Understood as: %1 (%2% sure)")
                .arg(intentName(intent.value(QStringLiteral("label")).toString()))
                .arg(qRound(intent.value(QStringLiteral("probability")).toDouble() * 100));
        const QJsonArray items = plan->trace.value(QStringLiteral("entities")).toArray();
        QStringList found;
        for (const QJsonValue &e : items)
            found << QStringLiteral("%1 → %2").arg(
                e[QStringLiteral("text")].toString(),
                e[QStringLiteral("product")].toString(tr("not found")));
        if (!found.isEmpty())
            text += QLatin1Char('\n') + tr("Items: %1").arg(found.join(QStringLiteral("; ")));
        if (!plan->escalation.isEmpty())
            text += QLatin1Char('\n') + tr("Hands over to a person: %1").arg(plan->escalation);
        else if (!plan->knowledgeQuestion.isEmpty())
            text += QLatin1Char('\n') + tr("Looks in the store's documents for the answer.");
        if (!plan->reply.isEmpty())
            text += QLatin1Char('\n') + tr("Replies: %1").arg(plan->reply);
        m_result->setText(text);
        Q_EMIT tried();
    });
}

} // namespace shopdesk
