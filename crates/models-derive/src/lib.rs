//! `#[derive(Lossless)]`: serde `Serialize` and `Deserialize` for the models of `linode-models`
//! that keep every JSON member the model does not know.
//!
//! A model deriving it has a field `extra: Extra`. Deserializing fills the named fields as
//! `#[derive(Deserialize)]` would (the same `#[serde(...)]` attributes apply) and collects every
//! other member into `extra`; serializing writes the named fields, then `extra`'s members.
//!
//! How: the derive declares a private copy of the struct that carries only its `serde`
//! attributes, derives serde's impls on it with `#[serde(remote = "Model")]`, and calls those
//! through `linode_models`' capturing `Deserializer` / appending `Serializer` wrappers. Unknown
//! members are taken where serde's own code skips them (`deserialize_ignored_any`), so the
//! known fields are parsed exactly as serde's derive parses them: no `#[serde(flatten)]`, which
//! would buffer the whole object first. It only works inside `linode-models` (the generated
//! code names `crate::extra`).

use proc_macro::TokenStream;
use quote::quote;
use syn::{parse_macro_input, Data, DeriveInput, Fields};

/// Derives `Serialize` and `Deserialize` keeping unknown members in the field `extra`.
#[proc_macro_derive(Lossless, attributes(serde))]
pub fn derive_lossless(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    match expand(input) {
        Ok(tokens) => tokens.into(),
        Err(error) => error.to_compile_error().into(),
    }
}

fn expand(input: DeriveInput) -> syn::Result<proc_macro2::TokenStream> {
    let name = input.ident.clone();
    let mut shadow = input.clone();
    shadow.ident = syn::Ident::new("__LosslessShadow", name.span());
    shadow.vis = syn::Visibility::Inherited;
    shadow.attrs.retain(|a| a.path().is_ident("serde"));
    let Data::Struct(data) = &mut shadow.data else {
        return Err(syn::Error::new_spanned(
            &input.ident,
            "Lossless is for structs",
        ));
    };
    let Fields::Named(fields) = &mut data.fields else {
        return Err(syn::Error::new_spanned(
            &input.ident,
            "Lossless is for structs with named fields",
        ));
    };
    let mut has_extra = false;
    for field in fields.named.iter_mut() {
        field.attrs.retain(|a| a.path().is_ident("serde"));
        field.vis = syn::Visibility::Inherited;
        if field.ident.as_ref().is_some_and(|i| i == "extra") {
            has_extra = true;
            field.attrs.push(syn::parse_quote!(#[serde(skip)]));
        }
    }
    if !has_extra {
        return Err(syn::Error::new_spanned(
            &input.ident,
            "Lossless needs a field `extra: Extra` to keep unknown members in",
        ));
    }
    let remote = name.to_string();
    // A generic model (`Page<T>`) needs its type parameters serializable for `Serialize` and
    // deserializable for `Deserialize`, as serde's own derive would infer.
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let type_params: Vec<_> = input.generics.type_params().map(|p| &p.ident).collect();
    let mut ser_where = where_clause
        .cloned()
        .unwrap_or_else(|| syn::parse_quote!(where));
    let mut de_where = ser_where.clone();
    for param in &type_params {
        ser_where
            .predicates
            .push(syn::parse_quote!(#param: ::serde::Serialize));
        de_where
            .predicates
            .push(syn::parse_quote!(#param: ::serde::Deserialize<'de>));
    }
    let mut de_generics = input.generics.clone();
    de_generics.params.insert(0, syn::parse_quote!('de));
    let (de_impl_generics, _, _) = de_generics.split_for_impl();
    Ok(quote! {
        const _: () = {
            #[derive(::serde::Serialize, ::serde::Deserialize)]
            #[serde(remote = #remote, rename = #remote)]
            #[allow(dead_code)]
            #shadow

            impl #impl_generics ::serde::Serialize for #name #ty_generics #ser_where {
                fn serialize<S: ::serde::Serializer>(
                    &self,
                    serializer: S,
                ) -> ::core::result::Result<S::Ok, S::Error> {
                    if self.extra.is_empty() || crate::extra::omitted() {
                        __LosslessShadow::serialize(self, serializer)
                    } else {
                        __LosslessShadow::serialize(
                            self,
                            crate::extra::WithExtra::new(serializer, &self.extra),
                        )
                    }
                }
            }

            impl #de_impl_generics ::serde::Deserialize<'de> for #name #ty_generics #de_where {
                fn deserialize<D: ::serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> ::core::result::Result<Self, D::Error> {
                    let mut extra = crate::Extra::new();
                    let mut value = __LosslessShadow::deserialize(
                        crate::extra::Capture::new(deserializer, &mut extra),
                    )?;
                    value.extra = extra;
                    ::core::result::Result::Ok(value)
                }
            }
        };
    })
}
