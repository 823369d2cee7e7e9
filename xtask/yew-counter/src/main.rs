//! A minimal Yew counter: the size floor of a Yew app built the kit's way (`cargo xtask bench size`).

use yew::prelude::*;

#[component]
fn Counter() -> Html {
    let count = use_state(|| 0u32);
    let add = {
        let count = count.clone();
        Callback::from(move |_: MouseEvent| count.set(*count + 1))
    };
    html! {
        <main>
            <p>{ *count }</p>
            <button type="button" onclick={add}>{ "+1" }</button>
        </main>
    }
}

fn main() {
    yew::Renderer::<Counter>::new().render();
}
