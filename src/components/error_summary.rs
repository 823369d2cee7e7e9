//! The error summary at the top of a form (GOV.UK pattern): every problem, each linking to its
//! field; following a link moves focus to the field.

use crate::browser;
use yew::prelude::*;

/// One line of the summary: the field it points at (an element id) and the message.
#[derive(Debug, Clone, PartialEq)]
pub struct SummaryItem {
    pub field: Option<String>,
    pub message: String,
}

#[derive(Properties, PartialEq)]
pub struct ErrorSummaryProps {
    pub title: AttrValue,
    pub items: Vec<SummaryItem>,
}

#[component]
pub fn ErrorSummary(props: &ErrorSummaryProps) -> Html {
    if props.items.is_empty() {
        return html! {};
    }
    html! {
        <div class="error-summary" id="error-summary" data-testid="error-summary" role="alert" tabindex="-1"
            aria-labelledby="error-summary-title">
            <h2 class="error-summary-title" id="error-summary-title">{ props.title.clone() }</h2>
            <ul class="error-summary-list">
                { for props.items.iter().map(|it| match &it.field {
                    Some(f) => {
                        let target = f.clone();
                        let onclick = Callback::from(move |e: MouseEvent| {
                            e.prevent_default();
                            browser::focus(&target);
                        });
                        html! {
                            <li><a href={format!("#{f}")} data-field={f.clone()} {onclick}>{ &it.message }</a></li>
                        }
                    }
                    None => html! { <li>{ &it.message }</li> },
                }) }
            </ul>
        </div>
    }
}
